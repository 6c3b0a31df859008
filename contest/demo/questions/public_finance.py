"""Demo questions, area 5: Cải cách tài chính công."""

QUESTIONS: list[dict] = [
    {
        "code": "DEMO-TCC-01", "area": 5, "difficulty": 1, "citizen": True,
        "text": "Theo Luật Ngân sách nhà nước năm 2015, năm ngân sách bắt đầu và kết thúc "
                "vào ngày nào?",
        "options": ["Từ ngày 01/01 đến ngày 31/12 năm dương lịch",
                    "Từ ngày 01/4 năm trước đến ngày 31/3 năm sau",
                    "Từ ngày 01/7 năm trước đến ngày 30/6 năm sau",
                    "Từ ngày 01/10 năm trước đến ngày 30/9 năm sau"],
        "correct": [0],
        "explanation": "Năm ngân sách của Việt Nam trùng với năm dương lịch.",
        "legal_basis": "Luật Ngân sách nhà nước năm 2015",
    },
    {
        "code": "DEMO-TCC-02", "area": 5, "difficulty": 1, "citizen": True,
        "text": "Cơ quan nào quyết định dự toán ngân sách nhà nước hằng năm?",
        "options": ["Quốc hội", "Chính phủ", "Bộ Tài chính"],
        "correct": [0],
        "explanation": "Quốc hội quyết định dự toán ngân sách nhà nước và phân bổ ngân sách "
                       "trung ương; Chính phủ lập và trình dự toán.",
        "legal_basis": "Luật Ngân sách nhà nước năm 2015",
    },
    {
        "code": "DEMO-TCC-03", "area": 5, "difficulty": 2, "citizen": True,
        "text": "Theo Luật Ngân sách nhà nước năm 2015, ngân sách nhà nước gồm những bộ phận nào?",
        "options": ["Ngân sách trung ương và ngân sách địa phương",
                    "Ngân sách trung ương và ngân sách của các bộ",
                    "Ngân sách của Chính phủ và ngân sách của Quốc hội",
                    "Chỉ có ngân sách trung ương"],
        "correct": [0],
        "explanation": "Ngân sách nhà nước gồm ngân sách trung ương và ngân sách địa phương; "
                       "ngân sách địa phương gồm ngân sách của các cấp chính quyền địa phương.",
        "legal_basis": "Luật Ngân sách nhà nước năm 2015",
    },
    {
        "code": "DEMO-TCC-04", "area": 5, "difficulty": 2,
        "text": "Theo Nghị định 60/2021/NĐ-CP, đơn vị sự nghiệp công lập được phân loại theo "
                "mức độ tự chủ tài chính thành bao nhiêu nhóm?",
        "options": ["2 nhóm", "3 nhóm", "4 nhóm", "5 nhóm"],
        "correct": [2],
        "explanation": "Bốn nhóm: tự bảo đảm chi thường xuyên và chi đầu tư; tự bảo đảm chi "
                       "thường xuyên; tự bảo đảm một phần chi thường xuyên; do Nhà nước bảo đảm "
                       "chi thường xuyên.",
        "legal_basis": "Nghị định 60/2021/NĐ-CP",
    },
    {
        "code": "DEMO-TCC-05", "area": 5, "difficulty": 3,
        "text": "Theo Nghị định 60/2021/NĐ-CP, nhóm đơn vị sự nghiệp công lập nào có mức tự "
                "chủ tài chính cao nhất?",
        "options": ["Đơn vị tự bảo đảm chi thường xuyên và chi đầu tư",
                    "Đơn vị tự bảo đảm chi thường xuyên",
                    "Đơn vị tự bảo đảm một phần chi thường xuyên",
                    "Đơn vị do Nhà nước bảo đảm chi thường xuyên"],
        "correct": [0],
        "explanation": "Đơn vị tự bảo đảm cả chi thường xuyên và chi đầu tư thuộc nhóm 1, có "
                       "mức tự chủ cao nhất.",
        "legal_basis": "Nghị định 60/2021/NĐ-CP",
    },
    {
        "code": "DEMO-TCC-06", "area": 5, "difficulty": 3,
        "text": "Theo Luật Ngân sách nhà nước năm 2015, mức bố trí dự phòng ngân sách của "
                "mỗi cấp ngân sách là bao nhiêu?",
        "options": ["Từ 2% đến 4% tổng chi ngân sách mỗi cấp",
                    "Từ 5% đến 10% tổng chi ngân sách mỗi cấp",
                    "Từ 1% đến 2% tổng chi ngân sách mỗi cấp",
                    "Từ 10% đến 15% tổng chi ngân sách mỗi cấp"],
        "correct": [0],
        "explanation": "Dự phòng từ 2% đến 4% tổng chi ngân sách mỗi cấp để chi cho các nhiệm "
                       "vụ cấp bách như phòng, chống thiên tai, dịch bệnh.",
        "legal_basis": "Luật Ngân sách nhà nước năm 2015",
    },
    {
        "code": "DEMO-TCC-07", "area": 5, "difficulty": 2, "citizen": True,
        "text": "Cơ quan nào quyết định dự toán ngân sách địa phương?",
        "options": ["Hội đồng nhân dân cùng cấp", "Ủy ban nhân dân cùng cấp",
                    "Sở Tài chính", "Kho bạc Nhà nước"],
        "correct": [0],
        "explanation": "Hội đồng nhân dân quyết định dự toán ngân sách địa phương; Ủy ban nhân "
                       "dân lập dự toán trình Hội đồng nhân dân.",
        "legal_basis": "Luật Ngân sách nhà nước năm 2015",
    },
    {
        "code": "DEMO-TCC-08", "area": 5, "difficulty": 2, "citizen": True,
        "text": "Văn bản nào quy định cơ chế tự chủ tài chính của đơn vị sự nghiệp công lập "
                "hiện nay?",
        "options": ["Nghị định 60/2021/NĐ-CP", "Nghị định 61/2018/NĐ-CP",
                    "Nghị định 13/2023/NĐ-CP", "Nghị định 45/2020/NĐ-CP"],
        "correct": [0],
        "explanation": "Nghị định 60/2021/NĐ-CP thay thế Nghị định 16/2015/NĐ-CP về cơ chế tự "
                       "chủ của đơn vị sự nghiệp công lập.",
        "legal_basis": "Nghị định 60/2021/NĐ-CP",
    },
    {
        "code": "DEMO-TCC-09", "area": 5, "difficulty": 1, "citizen": True,
        "text": "Theo Luật Ngân sách nhà nước, hành vi nào sau đây bị nghiêm cấm?",
        "options": ["Chi ngân sách không đúng dự toán được giao",
                    "Công khai dự toán ngân sách theo quy định",
                    "Kiểm toán báo cáo quyết toán ngân sách",
                    "Lập dự toán theo hướng dẫn của cơ quan tài chính"],
        "correct": [0],
        "explanation": "Luật nghiêm cấm thu, chi sai quy định; các khoản chi ngân sách chỉ "
                       "được thực hiện khi có dự toán được cấp có thẩm quyền giao.",
        "legal_basis": "Luật Ngân sách nhà nước năm 2015",
    },
    {
        "code": "DEMO-TCC-10", "area": 5, "difficulty": 1, "citizen": True,
        "text": "Theo Luật Ngân sách nhà nước năm 2015, nội dung nào phải được công khai?",
        "options": ["Dự toán ngân sách nhà nước đã được cấp có thẩm quyền quyết định",
                    "Tình hình thực hiện ngân sách nhà nước",
                    "Quyết toán ngân sách nhà nước",
                    "Cả A, B, C đều đúng"],
        "correct": [3], "keep_in_place": [0, 1, 2, 3],
        "explanation": "Dự toán, tình hình thực hiện và quyết toán ngân sách đều phải công khai "
                       "để người dân giám sát.",
        "legal_basis": "Luật Ngân sách nhà nước năm 2015",
    },
    {
        "code": "DEMO-TCC-11", "area": 5, "difficulty": 3,
        "text": "Theo Nghị định 60/2021/NĐ-CP, nguồn tài chính của đơn vị sự nghiệp công lập "
                "gồm những nguồn nào dưới đây? (Chọn tất cả phương án đúng)",
        "options": ["Nguồn ngân sách nhà nước", "Nguồn thu hoạt động sự nghiệp",
                    "Khoản đóng góp bắt buộc từ lương của viên chức",
                    "Khoản thu ngoài quy định từ người sử dụng dịch vụ"],
        "correct": [0, 1],
        "explanation": "Đơn vị có nguồn ngân sách nhà nước, nguồn thu hoạt động sự nghiệp, phí "
                       "được để lại, vốn vay, viện trợ theo quy định; không được thu "
                       "ngoài quy định.",
        "legal_basis": "Nghị định 60/2021/NĐ-CP",
    },
    {
        "code": "DEMO-TCC-12", "area": 5, "difficulty": 3,
        "text": "Luật Ngân sách nhà nước năm 2015 được áp dụng từ năm ngân sách nào?",
        "options": ["Năm ngân sách 2016", "Năm ngân sách 2017", "Năm ngân sách 2018",
                    "Năm ngân sách 2019"],
        "correct": [1],
        "explanation": "Luật được Quốc hội thông qua ngày 25/6/2015 và thi hành từ năm ngân "
                       "sách 2017.",
        "legal_basis": "Luật Ngân sách nhà nước năm 2015",
    },
    {
        "code": "DEMO-TCC-13", "area": 5, "difficulty": 2, "citizen": True,
        "text": "Chỉ số Năng lực cạnh tranh cấp tỉnh (PCI) do tổ chức nào xây dựng và công bố?",
        "options": ["VCCI", "Bộ Nội vụ", "UNDP", "Bộ Tài chính"],
        "correct": [0],
        "explanation": "PCI do VCCI thực hiện, đánh giá chất lượng điều hành kinh tế của chính "
                       "quyền cấp tỉnh qua ý kiến của doanh nghiệp.",
        "legal_basis": "Chỉ số PCI",
    },
]
