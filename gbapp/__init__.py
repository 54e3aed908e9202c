"""gbapp: follow-up of a province's yearly gender-equality plan (Kế hoạch bình đẳng giới)."""

__version__ = "0.1.0"
