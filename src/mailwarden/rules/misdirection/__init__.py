"""Rules about the wrong recipient: judged against the sender's recipient history."""
