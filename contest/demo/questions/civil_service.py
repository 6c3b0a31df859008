"""Demo questions, area 4: Cải cách chế độ công vụ."""

QUESTIONS: list[dict] = [
    {
        "code": "DEMO-CV-01", "area": 4, "difficulty": 1, "citizen": True,
        "text": "Theo Luật Viên chức, viên chức là công dân Việt Nam được tuyển dụng theo vị "
                "trí việc làm, làm việc tại đâu?",
        "options": [
            "Tại đơn vị sự nghiệp công lập theo chế độ hợp đồng làm việc",
            "Tại cơ quan của Quốc hội theo ngạch công chức",
            "Tại doanh nghiệp nhà nước theo hợp đồng lao động",
            "Tại Ủy ban nhân dân cấp xã theo nhiệm kỳ",
        ],
        "correct": [0],
        "explanation": "Viên chức làm việc tại đơn vị sự nghiệp công lập theo chế độ hợp đồng "
                       "làm việc, hưởng lương từ quỹ lương của đơn vị sự nghiệp công lập.",
        "legal_basis": "Luật Viên chức năm 2010 (sửa đổi năm 2019)",
    },
    {
        "code": "DEMO-CV-02", "area": 4, "difficulty": 2, "citizen": True,
        "text": "Theo Luật Cán bộ, công chức, người được bầu cử, phê chuẩn, bổ nhiệm giữ chức "
                "vụ, chức danh theo nhiệm kỳ trong cơ quan của Đảng, Nhà nước, tổ chức chính "
                "trị - xã hội được gọi là gì?",
        "options": ["Cán bộ", "Công chức", "Viên chức", "Người lao động"],
        "correct": [0],
        "explanation": "Cán bộ gắn với bầu cử, phê chuẩn, bổ nhiệm theo nhiệm kỳ; công chức "
                       "được tuyển dụng, bổ nhiệm vào ngạch, chức vụ, chức danh; viên chức làm "
                       "việc theo hợp đồng làm việc.",
        "legal_basis": "Luật Cán bộ, công chức",
    },
    {
        "code": "DEMO-CV-03", "area": 4, "difficulty": 1, "citizen": True,
        "text": "Kết quả đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức hằng năm "
                "gồm bao nhiêu mức?",
        "options": ["3 mức", "4 mức", "5 mức"],
        "correct": [1],
        "explanation": "Bốn mức: hoàn thành xuất sắc nhiệm vụ; hoàn thành tốt nhiệm vụ; hoàn "
                       "thành nhiệm vụ; không hoàn thành nhiệm vụ.",
        "legal_basis": "Nghị định 90/2020/NĐ-CP (sửa đổi bởi Nghị định 48/2023/NĐ-CP)",
    },
    {
        "code": "DEMO-CV-04", "area": 4, "difficulty": 3,
        "text": "Mức nào sau đây KHÔNG thuộc các mức xếp loại chất lượng cán bộ, công chức, "
                "viên chức theo Nghị định 90/2020/NĐ-CP?",
        "options": ["Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ",
                    "Hoàn thành nhiệm vụ nhưng còn hạn chế về năng lực",
                    "Không hoàn thành nhiệm vụ"],
        "correct": [2],
        "explanation": "Mức “hoàn thành nhiệm vụ nhưng còn hạn chế về năng lực” thuộc quy định "
                       "cũ (Nghị định 56/2015/NĐ-CP); Nghị định 90/2020/NĐ-CP dùng mức “hoàn "
                       "thành nhiệm vụ”.",
        "legal_basis": "Nghị định 90/2020/NĐ-CP",
    },
    {
        "code": "DEMO-CV-05", "area": 4, "difficulty": 2, "citizen": True,
        "text": "Nghị quyết số 27-NQ/TW năm 2018 của Hội nghị Trung ương 7 khóa XII bàn về "
                "nội dung nào?",
        "options": [
            "Cải cách chính sách tiền lương đối với cán bộ, công chức, viên chức, lực lượng "
            "vũ trang và người lao động trong doanh nghiệp",
            "Sắp xếp tổ chức bộ máy của hệ thống chính trị",
            "Phát triển kinh tế tư nhân",
            "Chuyển đổi số quốc gia",
        ],
        "correct": [0],
        "explanation": "Nghị quyết 27-NQ/TW về cải cách chính sách tiền lương được ban hành "
                       "cùng Nghị quyết 26-NQ/TW (cán bộ) và 28-NQ/TW (bảo hiểm xã hội).",
        "legal_basis": "Nghị quyết 27-NQ/TW",
    },
    {
        "code": "DEMO-CV-06", "area": 4, "difficulty": 3,
        "text": "Nghị quyết số 26-NQ/TW năm 2018 của Hội nghị Trung ương 7 khóa XII tập trung "
                "vào nội dung nào?",
        "options": [
            "Xây dựng đội ngũ cán bộ các cấp, nhất là cấp chiến lược, đủ phẩm chất, năng lực "
            "và uy tín, ngang tầm nhiệm vụ",
            "Đổi mới cơ chế tự chủ của đơn vị sự nghiệp công lập",
            "Sắp xếp đơn vị hành chính cấp huyện, cấp xã",
            "Phát triển Chính phủ số",
        ],
        "correct": [0],
        "explanation": "Nghị quyết 26-NQ/TW là nền tảng cho công tác cán bộ, gắn với cải cách "
                       "chế độ công vụ.",
        "legal_basis": "Nghị quyết 26-NQ/TW",
    },
    {
        "code": "DEMO-CV-07", "area": 4, "difficulty": 1, "citizen": True,
        "text": "Nội dung nào sau đây là nguyên tắc thi hành công vụ theo Luật Cán bộ, công chức?",
        "options": ["Công khai, minh bạch, đúng thẩm quyền và có sự kiểm tra, giám sát",
                    "Ưu tiên giải quyết trước cho người quen",
                    "Giữ kín mọi thông tin về quy trình giải quyết công việc",
                    "Tùy theo ý chí của người đứng đầu"],
        "correct": [0],
        "explanation": "Thi hành công vụ phải tuân thủ pháp luật, bảo vệ lợi ích của Nhà nước "
                       "và quyền lợi hợp pháp của công dân, công khai, minh bạch, đúng thẩm quyền.",
        "legal_basis": "Luật Cán bộ, công chức",
    },
    {
        "code": "DEMO-CV-08", "area": 4, "difficulty": 2, "citizen": True,
        "text": "Theo Luật Viên chức, căn cứ để xác định số lượng người làm việc, cơ cấu viên "
                "chức trong đơn vị sự nghiệp công lập là gì?",
        "options": ["Vị trí việc làm", "Thâm niên công tác của viên chức",
                    "Số lượng phòng, ban trực thuộc", "Đề nghị của tổ chức công đoàn"],
        "correct": [0],
        "explanation": "Vị trí việc làm gắn với chức danh nghề nghiệp hoặc chức vụ quản lý, là "
                       "căn cứ xác định số lượng người làm việc và cơ cấu viên chức.",
        "legal_basis": "Luật Viên chức năm 2010 (sửa đổi năm 2019)",
    },
    {
        "code": "DEMO-CV-09", "area": 4, "difficulty": 2, "citizen": True,
        "text": "Hình thức nào sau đây KHÔNG phải là hình thức kỷ luật đối với công chức?",
        "options": ["Khiển trách", "Cảnh cáo", "Buộc thôi việc", "Phạt tiền"],
        "correct": [3],
        "explanation": "Phạt tiền là hình thức xử phạt vi phạm hành chính, không phải hình "
                       "thức kỷ luật công chức.",
        "legal_basis": "Luật Cán bộ, công chức",
    },
    {
        "code": "DEMO-CV-10", "area": 4, "difficulty": 3,
        "text": "Theo Luật Cán bộ, công chức, nội dung nào sau đây là nguyên tắc quản lý cán "
                "bộ, công chức? (Chọn tất cả phương án đúng)",
        "options": [
            "Bảo đảm sự lãnh đạo của Đảng Cộng sản Việt Nam, sự quản lý của Nhà nước",
            "Thực hiện nguyên tắc tập trung dân chủ, chế độ trách nhiệm cá nhân và phân "
            "công, phân cấp rõ ràng",
            "Đánh giá cán bộ, công chức chủ yếu dựa trên thâm niên công tác",
            "Tuyển dụng theo chỉ định riêng của người đứng đầu",
        ],
        "correct": [0, 1],
        "explanation": "Việc sử dụng, đánh giá cán bộ, công chức phải dựa trên phẩm chất chính "
                       "trị, đạo đức và năng lực thi hành công vụ, không chủ yếu dựa "
                       "vào thâm niên.",
        "legal_basis": "Luật Cán bộ, công chức",
    },
    {
        "code": "DEMO-CV-11", "area": 4, "difficulty": 1, "citizen": True,
        "text": "Việc nào sau đây cán bộ, công chức KHÔNG được làm khi thi hành công vụ?",
        "options": ["Hướng dẫn người dân hoàn thiện hồ sơ",
                    "Gây khó khăn, phiền hà cho cơ quan, tổ chức, cá nhân",
                    "Tham gia bồi dưỡng nâng cao trình độ",
                    "Giữ gìn bí mật nhà nước"],
        "correct": [1],
        "explanation": "Luật Cán bộ, công chức cấm gây khó khăn, phiền hà cho cơ quan, tổ chức, "
                       "đơn vị, cá nhân trong thi hành công vụ.",
        "legal_basis": "Luật Cán bộ, công chức",
    },
    {
        "code": "DEMO-CV-12", "area": 4, "difficulty": 3,
        "text": "Theo Luật Viên chức, thời gian tập sự của người được tuyển dụng vào viên chức "
                "được quy định trong khoảng nào?",
        "options": ["Từ 03 tháng đến 12 tháng", "Từ 01 tháng đến 03 tháng",
                    "Từ 12 tháng đến 24 tháng", "Từ 06 tháng đến 18 tháng"],
        "correct": [0],
        "explanation": "Thời gian tập sự từ 03 đến 12 tháng và phải được quy định trong hợp "
                       "đồng làm việc; thời gian cụ thể theo chức danh nghề nghiệp.",
        "legal_basis": "Luật Viên chức năm 2010",
    },
]
