"""Rules about conduct: tone, chain letters, hoaxes, contracts, selling, credentials."""
