"""Domain layer: plain dataclasses and rules (numbering, time frames, text, status). No I/O, no Qt."""
