"""The words the report prints beside its figures, in one place: the admin page and the
exported files must say the same thing under the same table."""

# Stands for a figure no story printed (a head count, an amount of money): unknown, not 0.
NOT_PUBLISHED = "—"
NOT_PUBLISHED_NOTE = f"“{NOT_PUBLISHED}”表示稿件未公布该数字。"

# What the report counts. 见报 is what the paper printed on a page; the site publishes
# those and the stories it carries alone.
COUNTING_NOTE = (
    "稿件按发布时间（北京时间）计入时段，只计网站已发布的报道，更正、说明不计；"
    "“见报稿件”是其中刊登在报纸版面上的稿件，各表的稿件数为网站发布稿件（含见报稿件）。"
    "工会活动按开始日期计入，只计已发布稿件报道过的活动。"
)

# Why a table's total is not the sum of its rows, or how to read its rows.
DISTRICTS_NOTE = (
    "一篇稿件涉及几个区时在每个区各计一次，合计按稿件去重，因此可能小于各区之和；"
    "工会活动只属于主办工会所在的区。"
)
TOPICS_NOTE = "一篇稿件属于多个专题时在每个专题各计一次；子专题的稿件也计入上级专题（只计一次）。"
LEVELS_NOTE = "一篇稿件涉及同一层级的多个工会时，该层级只计一次。"
GIFTS_NOTE = "不同单位的物品不相加；“余”表示报道中的数字为约数，合计为最少数量。"
