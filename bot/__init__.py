"""The Telegram bot: officials ask in chat and get the figure with its sources."""
