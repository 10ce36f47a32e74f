"""``newproj doctor``: what this machine and a project need to run, checked without changing anything."""
