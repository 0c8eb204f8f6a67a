"""The forms: one module per record (or per group of acts on one record), each a dialog."""
