"""Screens of the review app: picker, review, and the modal dialogs."""
