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
