"""Rules about how a mailbox is used: auto-replies, auto-forwarding, send-as, formatting."""
