"""Documents as the world writes them: the readers' regression suite (each folder's test asserts every field)."""
