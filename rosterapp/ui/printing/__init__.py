"""Printing shift sheets: fonts, the page renderer, PDF files, print jobs and the window's print actions."""
