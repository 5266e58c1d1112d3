"""Annual TĐKT plans (kế hoạch công tác thi đua, khen thưởng): tasks by quarter, imported from a document."""
