"""Chapters with formulas for the math tests, written as authors write them: `$$...$$`, `$...$`."""

from conftest import chapter

# A dozen formulas of the kind an ML course writes, shown as display math.
ML_CHAPTER_FORMULAS = [
    r"\operatorname{softmax}(z)_i = \frac{e^{z_i}}{\sum_{j=1}^{K} e^{z_j}}",
    r"\operatorname{Attention}(Q,K,V) = "
    r"\operatorname{softmax}\left(\frac{QK^\top}{\sqrt{d_k}}\right)V",
    r"\mathcal{L}(\theta) = -\sum_{i=1}^{N} \sum_{c=1}^{C} y_{i,c} \log \hat{y}_{i,c}",
    r"p(x_1,\dots,x_T) = \prod_{t=1}^{T} p(x_t \mid x_{<t})",
    r"W = \begin{bmatrix} w_{11} & w_{12} \\ w_{21} & w_{22} \end{bmatrix}"
    r" \in \mathbb{R}^{2\times 2}",
    r"\begin{aligned} f(x) &= (x+1)^2 \\ &= x^2 + 2x + 1 \end{aligned}",
    r"\operatorname{ReLU}(x) = "
    r"\begin{cases} x & \text{if } x > 0 \\ 0 & \text{otherwise} \end{cases}",
    r"\theta \leftarrow \theta - \eta \nabla_\theta \mathcal{L}",
    r"\|\mathbf{x}\|_2 = \sqrt{\sum_i x_i^2}",
    r"\operatorname{LayerNorm}(x) = "
    r"\gamma \odot \frac{x - \mu}{\sqrt{\sigma^2 + \epsilon}} + \beta",
    r"D_{\mathrm{KL}}(P \,\|\, Q) = \sum_x P(x) \log \frac{P(x)}{Q(x)}",
    r"\hat{y} = \arg\max_{c} p(c \mid x)",
]


def math_chapter(title: str, slug: str, formulas: list[str] = ML_CHAPTER_FORMULAS) -> str:
    """Return a chapter whose body shows each formula as display math, and one inline."""
    inline = r"$\mathbf{x} \in \mathbb{R}^d$"
    blocks = [f"Some prose, then {len(formulas)} formulas; inline too: {inline}."]
    blocks += [f"$$\n{tex}\n$$" for tex in formulas]
    return chapter(title, slug, body="\n\n".join(blocks))


# What an author writes before each formula of a typical math chapter: ordinary prose.
LEAD_INS = [
    "A classifier turns its scores into probabilities with the softmax, which keeps their "
    "order and makes them sum to one:",
    "Attention compares every query with every key, scales the scores by the square root of "
    "the key size so they do not saturate the softmax, and mixes the values with the weights:",
    "Training minimises the cross-entropy between the labels and the predicted probabilities, "
    "summed over the examples and the classes:",
    "A language model writes the probability of a sequence as a product of next-token "
    "predictions, each conditioned on the tokens before it:",
    "A layer's weights form a matrix; a small one, with two inputs and two outputs, looks "
    "like this:",
    "Expanding a square step by step shows each line aligned on its equals sign:",
    "The rectified linear unit passes positive inputs unchanged and silences the rest:",
    "Gradient descent moves the parameters a small step against the gradient of the loss, "
    "the step set by the learning rate:",
    "The Euclidean norm of a vector measures its length, and appears in weight decay and in "
    "gradient clipping:",
    "Layer normalisation centres and scales each token's features, then applies a learned "
    "gain and bias:",
    "The Kullback-Leibler divergence measures how far a predicted distribution is from the "
    "true one; it is zero only when they agree:",
    "At inference time the classifier answers with the most probable class:",
]
SECTIONS = {
    0: "## From scores to probabilities",
    4: "## Layers as matrices",
    8: "## Keeping training stable",
    12: "## Revision: the same formulas again",
}


def ml_chapter(title: str, slug: str, count: int = 20, cover: str = "") -> str:
    """Return a chapter of ordinary prose showing `count` of the ML formulas as display math.

    The formulas are ML_CHAPTER_FORMULAS, repeated from the start past the twelfth; each
    follows a sentence that introduces it, as in a course's chapter. `cover` is the
    Markdown of an image put first, as chapters show their cover.
    """
    blocks = [cover] if cover else []
    blocks.append(
        "This chapter collects the formulas an ML course uses most, each with a sentence that "
        r"says what it computes. Vectors are bold, like $\mathbf{x} \in \mathbb{R}^d$, and "
        "matrices are capitals."
    )
    for number in range(count):
        if number in SECTIONS:
            blocks.append(SECTIONS[number])
        index = number % len(ML_CHAPTER_FORMULAS)
        blocks.append(LEAD_INS[index])
        blocks.append(f"$$\n{ML_CHAPTER_FORMULAS[index]}\n$$")
    blocks.append(
        "## Key takeaways\n\n"
        "- The softmax and the cross-entropy go together: one makes probabilities, the other "
        "scores them.\n"
        "- Scaling and normalising keep the numbers in a range where gradients stay useful.\n"
        "- Every formula here is a few lines of code; write them once by hand before using a "
        "library's."
    )
    return chapter(title, slug, body="\n\n".join(blocks))
