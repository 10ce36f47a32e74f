"""``newproj update``: two renders of the same path, merged three ways into the project."""
