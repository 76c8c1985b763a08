"""Staff accounts: TOTP two-factor authentication required for the admin, lockout, sessions."""
