"""Demo questions, area 1: Cải cách thể chế."""

QUESTIONS: list[dict] = [
    {
        "code": "DEMO-TC-01", "area": 1, "difficulty": 1, "citizen": True,
        "text": "Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030 "
                "được ban hành kèm theo văn bản nào?",
        "options": ["Nghị quyết số 76/NQ-CP của Chính phủ",
                    "Nghị quyết số 30c/NQ-CP của Chính phủ",
                    "Nghị định số 61/2018/NĐ-CP của Chính phủ",
                    "Quyết định số 749/QĐ-TTg của Thủ tướng Chính phủ"],
        "correct": [0],
        "explanation": "Nghị quyết 76/NQ-CP ngày 15/7/2021 ban hành Chương trình tổng thể "
                       "CCHC nhà nước giai đoạn 2021 - 2030. Nghị quyết 30c/NQ-CP là Chương "
                       "trình tổng thể của giai đoạn trước (2011 - 2020).",
        "legal_basis": "Nghị quyết 76/NQ-CP",
    },
    {
        "code": "DEMO-TC-02", "area": 1, "difficulty": 1, "citizen": True,
        "text": "Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030 "
                "gồm bao nhiêu nội dung cải cách?",
        "options": ["04 nội dung", "05 nội dung", "06 nội dung", "07 nội dung"],
        "correct": [2],
        "explanation": "Sáu nội dung: cải cách thể chế; cải cách thủ tục hành chính; cải cách "
                       "tổ chức bộ máy hành chính nhà nước; cải cách chế độ công vụ; cải cách "
                       "tài chính công; xây dựng và phát triển Chính phủ điện tử, Chính phủ số.",
        "legal_basis": "Nghị quyết 76/NQ-CP",
    },
    {
        "code": "DEMO-TC-03", "area": 1, "difficulty": 1, "citizen": True,
        "text": "Chương trình tổng thể cải cách hành chính nhà nước theo Nghị quyết "
                "76/NQ-CP được thực hiện trong giai đoạn nào?",
        "options": ["2011 - 2020", "2016 - 2025", "2021 - 2030", "2021 - 2025"],
        "correct": [2],
        "explanation": "Nghị quyết 76/NQ-CP áp dụng cho giai đoạn 2021 - 2030, tiếp nối "
                       "Chương trình tổng thể giai đoạn 2011 - 2020.",
        "legal_basis": "Nghị quyết 76/NQ-CP",
    },
    {
        "code": "DEMO-TC-04", "area": 1, "difficulty": 2, "citizen": True,
        "text": "Cơ quan nào có thẩm quyền ban hành nghị định?",
        "options": ["Quốc hội", "Chính phủ", "Thủ tướng Chính phủ", "Bộ Tư pháp"],
        "correct": [1],
        "explanation": "Nghị định là văn bản quy phạm pháp luật do Chính phủ ban hành; Thủ "
                       "tướng Chính phủ ban hành quyết định, Quốc hội ban hành luật, nghị quyết.",
        "legal_basis": "Luật Ban hành văn bản quy phạm pháp luật",
    },
    {
        "code": "DEMO-TC-05", "area": 1, "difficulty": 1, "citizen": True,
        "text": "Văn bản nào có hiệu lực pháp lý cao nhất trong hệ thống pháp luật Việt Nam?",
        "options": ["Hiến pháp", "Bộ luật Dân sự", "Nghị quyết của Chính phủ", "Nghị định"],
        "correct": [0],
        "explanation": "Hiến pháp là luật cơ bản của Nhà nước, có hiệu lực pháp lý cao nhất; "
                       "mọi văn bản pháp luật khác phải phù hợp với Hiến pháp.",
        "legal_basis": "Hiến pháp năm 2013",
    },
    {
        "code": "DEMO-TC-06", "area": 1, "difficulty": 1, "citizen": True,
        "text": "Ngày Pháp luật nước Cộng hòa xã hội chủ nghĩa Việt Nam là ngày nào hằng năm?",
        "options": ["Ngày 9 tháng 11", "Ngày 2 tháng 9", "Ngày 19 tháng 5",
                    "Ngày 10 tháng 10", "Ngày 3 tháng 2"],
        "correct": [0],
        "explanation": "Ngày 9 tháng 11 hằng năm là Ngày Pháp luật, nhằm tôn vinh Hiến pháp, "
                       "pháp luật và giáo dục ý thức thượng tôn pháp luật.",
        "legal_basis": "Luật Phổ biến, giáo dục pháp luật năm 2012",
    },
    {
        "code": "DEMO-TC-07", "area": 1, "difficulty": 2, "citizen": True,
        "text": "Văn bản quy phạm pháp luật của Hội đồng nhân dân cấp tỉnh được ban hành "
                "dưới hình thức nào?",
        "options": ["Nghị quyết", "Quyết định", "Chỉ thị", "Thông tư"],
        "correct": [0],
        "explanation": "Hội đồng nhân dân ban hành nghị quyết; Ủy ban nhân dân ban hành "
                       "quyết định; thông tư do Bộ trưởng, Thủ trưởng cơ quan ngang bộ ban hành.",
        "legal_basis": "Luật Ban hành văn bản quy phạm pháp luật",
    },
    {
        "code": "DEMO-TC-08", "area": 1, "difficulty": 2,
        "text": "Cơ quan nào sau đây có thẩm quyền ban hành văn bản quy phạm pháp luật?",
        "options": ["Quốc hội", "Chính phủ", "Hội đồng nhân dân cấp tỉnh",
                    "Cả A, B, C đều đúng"],
        "correct": [3], "keep_in_place": [0, 1, 2, 3],
        "explanation": "Quốc hội (luật, nghị quyết), Chính phủ (nghị định) và Hội đồng nhân "
                       "dân cấp tỉnh (nghị quyết) đều có thẩm quyền ban hành văn bản quy phạm "
                       "pháp luật.",
        "legal_basis": "Luật Ban hành văn bản quy phạm pháp luật",
    },
    {
        "code": "DEMO-TC-09", "area": 1, "difficulty": 2,
        "text": "Văn bản quy phạm pháp luật của cơ quan nhà nước ở trung ương phải được "
                "đăng trên ấn phẩm chính thức nào của Nhà nước?",
        "options": ["Công báo", "Báo Nhân Dân", "Cổng Dịch vụ công quốc gia",
                    "Bản tin nội bộ của cơ quan ban hành"],
        "correct": [0],
        "explanation": "Văn bản quy phạm pháp luật phải được đăng Công báo (trừ văn bản có "
                       "nội dung thuộc bí mật nhà nước) và đưa lên Cơ sở dữ liệu quốc gia về "
                       "pháp luật.",
        "legal_basis": "Luật Ban hành văn bản quy phạm pháp luật",
    },
    {
        "code": "DEMO-TC-10", "area": 1, "difficulty": 3,
        "text": "Văn bản nào sau đây là văn bản quy phạm pháp luật? (Chọn tất cả phương án "
                "đúng)",
        "options": ["Nghị định của Chính phủ",
                    "Quyết định quy phạm pháp luật của Ủy ban nhân dân cấp tỉnh",
                    "Công văn hướng dẫn nghiệp vụ của một sở",
                    "Quyết định khen thưởng một cá nhân"],
        "correct": [0, 1],
        "explanation": "Công văn hành chính và quyết định cá biệt (khen thưởng, bổ nhiệm một "
                       "người) không chứa quy tắc xử sự chung nên không phải văn bản quy phạm "
                       "pháp luật.",
        "legal_basis": "Luật Ban hành văn bản quy phạm pháp luật",
    },
    {
        "code": "DEMO-TC-11", "area": 1, "difficulty": 3,
        "text": "Nghị quyết nào của Bộ Chính trị năm 2025 bàn về đổi mới công tác xây dựng "
                "và thi hành pháp luật đáp ứng yêu cầu phát triển đất nước trong kỷ nguyên mới?",
        "options": ["Nghị quyết số 66-NQ/TW", "Nghị quyết số 57-NQ/TW",
                    "Nghị quyết số 68-NQ/TW", "Nghị quyết số 18-NQ/TW"],
        "correct": [0],
        "explanation": "Nghị quyết 66-NQ/TW bàn về công tác xây dựng và thi hành pháp luật; "
                       "Nghị quyết 57-NQ/TW về khoa học, công nghệ, đổi mới sáng tạo và chuyển "
                       "đổi số; Nghị quyết 68-NQ/TW về phát triển kinh tế tư nhân.",
        "legal_basis": "Nghị quyết 66-NQ/TW của Bộ Chính trị",
    },
    {
        "code": "DEMO-TC-12", "area": 1, "difficulty": 2,
        "text": "Chỉ số Hiệu quả quản trị và hành chính công cấp tỉnh (PAPI) được thực hiện "
                "với sự phối hợp của tổ chức quốc tế nào?",
        "options": ["Chương trình Phát triển Liên hợp quốc (UNDP)", "Ngân hàng Thế giới",
                    "Ngân hàng Phát triển châu Á", "Quỹ Tiền tệ quốc tế"],
        "correct": [0],
        "explanation": "PAPI do UNDP phối hợp với các đối tác trong nước thực hiện, khảo sát "
                       "trải nghiệm của người dân về quản trị và hành chính công ở cấp tỉnh.",
        "legal_basis": "Chỉ số PAPI",
    },
]
