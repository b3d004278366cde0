"""Ministry campaigns, enrolments, promotional email and impact reports."""
