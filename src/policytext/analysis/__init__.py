"""Analysis producers: from the corpus tables to the derived tables the chapters read."""
