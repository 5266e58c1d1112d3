"""Half-year and year-end work reports (báo cáo sơ kết 6 tháng, tổng kết năm công tác TĐKT), issue 18 item 4."""
