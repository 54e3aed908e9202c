"""Building blocks of the follow-up pages: table models, forms, dialogs and the status chart."""
