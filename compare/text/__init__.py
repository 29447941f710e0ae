"""Text primitives used by every later stage: jieba words (`tokens`), character k-gram matrices
(`kgrams`), figures with their units (`figures`). No project imports beyond `compare.errors`."""
