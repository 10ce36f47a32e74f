"""The ``newproj`` command: the console script's guard (:mod:`.entry`), the app and its one error boundary (:mod:`.app`), one module per verb
(:mod:`.init`, :mod:`.update`, :mod:`.doctor`, :mod:`.serve`) over what they share (:mod:`.common`, :mod:`.options`).
A command module never imports the app: the app imports the commands and registers them.
"""
