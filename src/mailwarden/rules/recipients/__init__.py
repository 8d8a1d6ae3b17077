"""Rules about who a message goes to: exposure, Bcc, print services, own addresses, lists."""
