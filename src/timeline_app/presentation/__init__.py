"""What the window shows, as pure state with change signals: no Qt here."""
