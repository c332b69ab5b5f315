"""Terminal rendering (Rich) and prompting (questionary): the only modules that know the screen."""
