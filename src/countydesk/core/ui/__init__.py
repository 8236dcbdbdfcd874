"""The platform\x27s UI kit: navigation, dashboard cards, lists with export and print, error pages, record pages."""
