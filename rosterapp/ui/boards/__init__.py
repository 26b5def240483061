"""The boards of a security task: the post board, the vehicle board, availability lists and charts."""
