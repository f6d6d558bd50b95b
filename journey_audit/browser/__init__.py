"""Everything that drives Chromium: settings, sessions (launch, contexts) and the journey runner."""
