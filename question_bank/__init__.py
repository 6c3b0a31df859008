"""Everything about questions: models, import/export, drawing papers, item statistics."""
