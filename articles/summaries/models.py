"""The summaries own no table; this model only carries their permission.

`summaries.view_monthly_summary` lets federation staff (the 统计 group) open the monthly
summary and download its exports without any right over the stories themselves.
"""

from django.db import models


class MonthlySummary(models.Model):
    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_monthly_summary", "查看和导出月度统计")]
        verbose_name = "月度统计"
        verbose_name_plural = "月度统计"

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
