"""Stage 4, what a comparison looks like: the view model every presenter draws from (`view`:
change kinds, marks, labels, highlighted pieces) and the self-contained HTML page (`html`)."""
