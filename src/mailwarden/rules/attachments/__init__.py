"""Rules about attached files: size, what could not be inspected, links instead of copies."""
