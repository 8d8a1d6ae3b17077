"""Rules about personal data in what is sent: subject, body, attachments, calendar."""
