"""The ground floor (地基): errors, the API's schema kit and validated saves.

Everything of ours stands on it; it imports nothing of ours but textkit and geo.
"""
