"""What printed sheets contain, as plain data (no Qt): the window and the command line paint it."""
