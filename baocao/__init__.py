"""Command line of baocao: the composition root that wires rag/, bot/ and eval/ to a terminal."""
