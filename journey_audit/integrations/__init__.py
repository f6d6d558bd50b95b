"""Meeting teams in the tools they already use: the pytest plugin's working parts."""
