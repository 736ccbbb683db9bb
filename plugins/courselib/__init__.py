"""What several of our plugins share: one library, no Pelican wiring."""
