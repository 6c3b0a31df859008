"""Demo questions, area 3: Cải cách tổ chức bộ máy hành chính nhà nước."""

QUESTIONS: list[dict] = [
    {
        "code": "DEMO-BM-01", "area": 3, "difficulty": 1, "citizen": True,
        "text": "Từ ngày 01/7/2025, chính quyền địa phương ở nước ta được tổ chức theo mô "
                "hình nào?",
        "options": ["Hai cấp: cấp tỉnh và cấp xã", "Ba cấp: cấp tỉnh, cấp huyện và cấp xã",
                    "Một cấp: cấp tỉnh"],
        "correct": [0],
        "explanation": "Từ ngày 01/7/2025, chính quyền địa phương tổ chức theo hai cấp (cấp "
                       "tỉnh và cấp xã); cấp huyện kết thúc hoạt động.",
        "legal_basis": "Luật Tổ chức chính quyền địa phương năm 2025",
    },
    {
        "code": "DEMO-BM-02", "area": 3, "difficulty": 1, "citizen": True,
        "text": "Sau khi sắp xếp đơn vị hành chính năm 2025, cả nước có bao nhiêu đơn vị "
                "hành chính cấp tỉnh?",
        "options": ["28", "34", "45", "52", "57", "63"],
        "correct": [1],
        "explanation": "Quốc hội quyết định sắp xếp 63 đơn vị hành chính cấp tỉnh thành 34 "
                       "(28 tỉnh và 6 thành phố trực thuộc trung ương).",
        "legal_basis": "Nghị quyết 202/2025/QH15 của Quốc hội",
    },
    {
        "code": "DEMO-BM-03", "area": 3, "difficulty": 2, "citizen": True,
        "text": "Trong 34 đơn vị hành chính cấp tỉnh từ năm 2025, có bao nhiêu thành phố "
                "trực thuộc trung ương?",
        "options": ["4", "5", "6", "8"],
        "correct": [2],
        "explanation": "Sáu thành phố trực thuộc trung ương: Hà Nội, Hải Phòng, Huế, Đà Nẵng, "
                       "Thành phố Hồ Chí Minh và Cần Thơ.",
        "legal_basis": "Nghị quyết 202/2025/QH15 của Quốc hội",
    },
    {
        "code": "DEMO-BM-04", "area": 3, "difficulty": 2,
        "text": "Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Hội nghị Trung ương 6 khóa XII "
                "đề cập nội dung nào?",
        "options": [
            "Một số vấn đề về tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính "
            "trị tinh gọn, hoạt động hiệu lực, hiệu quả",
            "Cải cách chính sách tiền lương",
            "Đổi mới hệ thống tổ chức và quản lý các đơn vị sự nghiệp công lập",
            "Xây dựng đội ngũ cán bộ các cấp, nhất là cấp chiến lược",
        ],
        "correct": [0],
        "explanation": "Nghị quyết 18-NQ/TW là căn cứ chính trị của việc sắp xếp, tinh gọn bộ "
                       "máy; các phương án còn lại là nội dung của Nghị quyết 27, 19 và 26.",
        "legal_basis": "Nghị quyết 18-NQ/TW",
    },
    {
        "code": "DEMO-BM-05", "area": 3, "difficulty": 3,
        "text": "Theo cơ cấu tổ chức của Chính phủ nhiệm kỳ khóa XV được Quốc hội quyết "
                "định tháng 02/2025, Chính phủ gồm bao nhiêu bộ, cơ quan ngang bộ?",
        "options": ["14 bộ và 3 cơ quan ngang bộ", "18 bộ và 4 cơ quan ngang bộ",
                    "17 bộ và 5 cơ quan ngang bộ", "12 bộ và 3 cơ quan ngang bộ"],
        "correct": [0],
        "explanation": "Sau sắp xếp năm 2025, Chính phủ có 14 bộ và 3 cơ quan ngang bộ (trước "
                       "đó là 18 bộ và 4 cơ quan ngang bộ).",
        "legal_basis": "Nghị quyết của Quốc hội về cơ cấu tổ chức của Chính phủ khóa XV",
    },
    {
        "code": "DEMO-BM-06", "area": 3, "difficulty": 2, "citizen": True,
        "text": "Trong đợt sắp xếp bộ máy năm 2025, Bộ Nội vụ được hợp nhất với bộ nào?",
        "options": ["Bộ Lao động - Thương binh và Xã hội", "Bộ Tư pháp", "Bộ Tài chính",
                    "Bộ Kế hoạch và Đầu tư"],
        "correct": [0],
        "explanation": "Bộ Nội vụ được tổ chức lại trên cơ sở hợp nhất với Bộ Lao động - "
                       "Thương binh và Xã hội.",
        "legal_basis": "Nghị quyết của Quốc hội về cơ cấu tổ chức của Chính phủ khóa XV",
    },
    {
        "code": "DEMO-BM-07", "area": 3, "difficulty": 2, "citizen": True,
        "text": "Trong đợt sắp xếp bộ máy năm 2025, Bộ Tài chính được hợp nhất với bộ nào?",
        "options": ["Bộ Kế hoạch và Đầu tư", "Bộ Công Thương", "Bộ Nội vụ",
                    "Bộ Xây dựng"],
        "correct": [0],
        "explanation": "Bộ Tài chính được tổ chức lại trên cơ sở hợp nhất với Bộ Kế hoạch "
                       "và Đầu tư.",
        "legal_basis": "Nghị quyết của Quốc hội về cơ cấu tổ chức của Chính phủ khóa XV",
    },
    {
        "code": "DEMO-BM-08", "area": 3, "difficulty": 1, "citizen": True,
        "text": "Từ ngày 01/7/2025, cấp hành chính nào kết thúc hoạt động?",
        "options": ["Cấp huyện", "Cấp xã", "Cấp tỉnh", "Không có cấp nào"],
        "correct": [0],
        "explanation": "Khi chuyển sang chính quyền địa phương hai cấp, cấp huyện kết thúc "
                       "hoạt động; nhiệm vụ được chuyển cho cấp tỉnh và cấp xã.",
        "legal_basis": "Luật Tổ chức chính quyền địa phương năm 2025",
    },
    {
        "code": "DEMO-BM-09", "area": 3, "difficulty": 2,
        "text": "Cơ quan chuyên môn thuộc Ủy ban nhân dân cấp tỉnh gồm những cơ quan nào?",
        "options": ["Các sở và cơ quan tương đương sở", "Các tổng cục và cục",
                    "Các vụ và thanh tra bộ", "Các đơn vị sự nghiệp công lập"],
        "correct": [0],
        "explanation": "Cơ quan chuyên môn thuộc Ủy ban nhân dân cấp tỉnh là các sở và cơ "
                       "quan tương đương sở; tổng cục, cục, vụ là tổ chức thuộc bộ.",
        "legal_basis": "Luật Tổ chức chính quyền địa phương",
    },
    {
        "code": "DEMO-BM-10", "area": 3, "difficulty": 3,
        "text": "Sau sắp xếp năm 2025, cả nước có bao nhiêu đơn vị hành chính cấp xã?",
        "options": ["3.321", "4.125", "6.210", "10.599"],
        "correct": [0],
        "explanation": "Sau sắp xếp, cả nước có 3.321 đơn vị hành chính cấp xã (xã, phường, "
                       "đặc khu).",
        "legal_basis": "Các nghị quyết của Ủy ban Thường vụ Quốc hội về sắp xếp đơn vị "
                       "hành chính cấp xã năm 2025",
    },
    {
        "code": "DEMO-BM-11", "area": 3, "difficulty": 3,
        "text": "Sau sắp xếp năm 2025, những cơ quan nào sau đây là cơ quan ngang bộ? (Chọn "
                "tất cả phương án đúng)",
        "options": ["Ngân hàng Nhà nước Việt Nam", "Thanh tra Chính phủ", "Ủy ban Dân tộc",
                    "Bộ Nội vụ", "Văn phòng Chính phủ"],
        "correct": [0, 1, 4],
        "explanation": "Ba cơ quan ngang bộ là Văn phòng Chính phủ, Thanh tra Chính phủ và "
                       "Ngân hàng Nhà nước Việt Nam; Ủy ban Dân tộc được tổ chức lại thành Bộ "
                       "Dân tộc và Tôn giáo; Bộ Nội vụ là bộ.",
        "legal_basis": "Nghị quyết của Quốc hội về cơ cấu tổ chức của Chính phủ khóa XV",
    },
    {
        "code": "DEMO-BM-12", "area": 3, "difficulty": 2,
        "text": "Nghị quyết số 19-NQ/TW năm 2017 của Hội nghị Trung ương 6 khóa XII bàn về "
                "vấn đề gì?",
        "options": [
            "Tiếp tục đổi mới hệ thống tổ chức và quản lý, nâng cao chất lượng và hiệu quả "
            "hoạt động của các đơn vị sự nghiệp công lập",
            "Chiến lược chuyển đổi số quốc gia",
            "Bảo vệ dữ liệu cá nhân",
            "Cải cách thủ tục hành chính trong lĩnh vực đầu tư",
        ],
        "correct": [0],
        "explanation": "Nghị quyết 19-NQ/TW và Nghị quyết 18-NQ/TW cùng được ban hành tại Hội "
                       "nghị Trung ương 6 khóa XII về sắp xếp bộ máy và đơn vị sự nghiệp.",
        "legal_basis": "Nghị quyết 19-NQ/TW",
    },
    {
        "code": "DEMO-BM-13", "area": 3, "difficulty": 2, "citizen": True,
        "text": "Cơ quan nào xác định và công bố Chỉ số cải cách hành chính (PAR INDEX) hằng "
                "năm của các bộ, cơ quan ngang bộ và Ủy ban nhân dân cấp tỉnh?",
        "options": ["Bộ Nội vụ", "Văn phòng Chính phủ", "VCCI",
                    "Chương trình Phát triển Liên hợp quốc (UNDP)"],
        "correct": [0],
        "explanation": "Bộ Nội vụ là cơ quan thường trực về cải cách hành chính, xác định và "
                       "công bố PAR INDEX cùng với Chỉ số hài lòng SIPAS.",
        "legal_basis": "Nghị quyết 76/NQ-CP",
    },
]
