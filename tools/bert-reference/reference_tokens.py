#!/usr/bin/env python3
"""Prints the token ids that the reference uncased BERT tokenizer (the one all-MiniLM-L6-v2 was
trained with: clean text, CJK split, NFD accent stripping, lower case, whitespace and punctuation
split, greedy WordPiece with ##, 100 characters per word at most, [CLS] ... [SEP]) gives for each
argument. Written from the published algorithm, independently of SlmRag's C# tokenizer, to derive
the expected ids of tests/SlmRag.Embeddings.Tests/MiniLM/BertTokenizerTests.cs.
Usage: python3 tools/bert-reference/reference_tokens.py VOCAB.txt TEXT..."""
import sys
import unicodedata

CJK = [(0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x2A6DF), (0x2A700, 0x2B73F),
       (0x2B740, 0x2B81F), (0x2B820, 0x2CEAF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F)]


def is_control(c):
    return c not in "\t\n\r" and unicodedata.category(c) in ("Cc", "Cf", "Co", "Cn", "Cs")


def is_punctuation(c):
    cp = ord(c)
    return 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126 or unicodedata.category(c).startswith("P")


def normalize(text):
    out = []
    for c in text:
        if ord(c) in (0, 0xFFFD) or is_control(c):
            continue
        if c.isspace():
            out.append(" ")
        elif any(lo <= ord(c) <= hi for lo, hi in CJK):
            out.append(f" {c} ")
        else:
            out.append(c)
    text = unicodedata.normalize("NFD", "".join(out))
    return "".join(c for c in text if unicodedata.category(c) != "Mn").lower()


def words(text):
    word = []
    for c in normalize(text):
        if c.isspace() or is_punctuation(c):
            if word:
                yield "".join(word)
            word = []
            if is_punctuation(c):
                yield c
        else:
            word.append(c)
    if word:
        yield "".join(word)


def wordpiece(word, vocab):
    if len(word) > 100:
        return ["[UNK]"]
    pieces, start = [], 0
    while start < len(word):
        end = len(word)
        while end > start:
            piece = ("##" if start > 0 else "") + word[start:end]
            if piece in vocab:
                break
            end -= 1
        if end == start:
            return ["[UNK]"]
        pieces.append(piece)
        start = end
    return pieces


def main():
    lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
    vocab = {token: i for i, token in enumerate(lines)}
    for text in sys.argv[2:]:
        tokens = ["[CLS]"] + [p for w in words(text) for p in wordpiece(w, vocab)][:254] + ["[SEP]"]
        print(repr(text), tokens, [vocab[t] for t in tokens])


main()
