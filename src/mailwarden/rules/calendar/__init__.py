"""Rules about calendar items sent as invitations."""
