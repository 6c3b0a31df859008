"""Practice (ôn tập): short sets of questions open to everyone, with the answer, explanation and
legal basis after each one; spaced repetition for logged-in users; anonymous miss counts."""
