"""Sentence embeddings: shape, unit length, batching, and paraphrases closer than unrelated text."""

from __future__ import annotations

import numpy as np

from newsledger.crosscheck.embed import DIMENSIONS, embedder, similarity, tokenizer_file

PAIRS = [
    (
        "Russia and Ukraine exchanged 157 prisoners each on Thursday.",
        "On Thursday Moscow and Kyiv swapped captives, 157 on each side.",
    ),
    (
        "The White House called the newspaper's report totally false.",
        "A spokeswoman for the US president denied the article, calling it completely untrue.",
    ),
    (
        "The delegations will meet again in Abu Dhabi next Sunday.",
        "A second round of talks in the Emirati capital is planned for the coming Sunday.",
    ),
]
UNRELATED = [
    "The central bank raised its key interest rate by half a point.",
    "Heavy rain flooded the village football pitch for the third time this spring.",
    "The museum reopened its renovated hall of medieval manuscripts.",
]


def test_vectors_are_unit_length_and_batching_does_not_change_them() -> None:
    texts = [text for pair in PAIRS for text in pair] + UNRELATED
    whole = embedder().embed(texts)
    assert whole.shape == (len(texts), DIMENSIONS)
    assert np.allclose(np.linalg.norm(whole, axis=1), 1.0, atol=1e-5)
    in_twos = embedder().embed(texts, batch_size=2)
    assert np.allclose(whole, in_twos, atol=1e-4)
    assert embedder().embed([]).shape == (0, DIMENSIONS)


def test_paraphrases_are_closer_than_unrelated_sentences() -> None:
    left = embedder().embed([a for a, _ in PAIRS])
    right = embedder().embed([b for _, b in PAIRS])
    other = embedder().embed(UNRELATED)
    paraphrase = np.diag(similarity(left, right))
    assert paraphrase.min() > 0.4
    for i, score in enumerate(paraphrase):
        # each sentence is closer to its paraphrase than to any other sentence of the test
        rivals = np.concatenate(
            [np.delete(similarity(left, right)[i], i), similarity(left, other)[i]]
        )
        assert score > rivals.max() + 0.1


def test_one_embedder_per_process_and_the_tokenizer_ships_installed() -> None:
    assert embedder() is embedder()
    assert tokenizer_file().name == "tokenizer.json"
    encoding = embedder().tokenizer.encode("Zelensky met Witkoff")
    assert encoding.tokens[0] == "[CLS]" and encoding.tokens[-1] == "[SEP]"
    assert "zelensky" not in encoding.tokens  # split into word pieces of the uncased vocabulary
