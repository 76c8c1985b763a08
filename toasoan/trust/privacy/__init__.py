"""Privacy: one person's personal data, found across the apps that hold it, exported or erased."""
