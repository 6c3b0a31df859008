"""Demo questions, area 6: Xây dựng và phát triển Chính phủ điện tử, Chính phủ số."""

QUESTIONS: list[dict] = [
    {
        "code": "DEMO-CDS-01", "area": 6, "difficulty": 1, "citizen": True,
        "text": "Địa chỉ truy cập Cổng Dịch vụ công quốc gia là gì?",
        "options": ["dichvucong.gov.vn", "chinhphu.vn", "congdichvu.com.vn", "vbpl.vn"],
        "correct": [0],
        "explanation": "Cổng Dịch vụ công quốc gia (dichvucong.gov.vn) do Văn phòng Chính phủ "
                       "quản lý, khai trương ngày 09/12/2019.",
        "legal_basis": "Nghị định 45/2020/NĐ-CP",
    },
    {
        "code": "DEMO-CDS-02", "area": 6, "difficulty": 2, "citizen": True,
        "text": "Dịch vụ công trực tuyến toàn trình là gì?",
        "options": [
            "Dịch vụ bảo đảm cung cấp toàn bộ thông tin về thủ tục hành chính; việc thực hiện "
            "và giải quyết thủ tục hành chính đều được thực hiện trên môi trường mạng",
            "Dịch vụ chỉ cung cấp thông tin, người dân phải đến nộp hồ sơ giấy",
            "Dịch vụ nộp hồ sơ trực tuyến nhưng phải đến cơ quan nhận kết quả và nộp phí",
            "Dịch vụ chỉ dành cho doanh nghiệp",
        ],
        "correct": [0],
        "explanation": "Dịch vụ công trực tuyến không đáp ứng yêu cầu toàn trình là dịch vụ "
                       "công trực tuyến một phần.",
        "legal_basis": "Nghị định 42/2022/NĐ-CP",
    },
    {
        "code": "DEMO-CDS-03", "area": 6, "difficulty": 2,
        "text": "Theo Nghị định 42/2022/NĐ-CP, dịch vụ công trực tuyến gồm hai loại: dịch vụ "
                "công trực tuyến toàn trình và dịch vụ công trực tuyến một phần. Đúng hay sai?",
        "options": ["Đúng", "Sai"],
        "correct": [0],
        "explanation": "Nghị định 42/2022/NĐ-CP thay cách phân loại 4 mức độ trước đây bằng "
                       "hai loại: toàn trình và một phần.",
        "legal_basis": "Nghị định 42/2022/NĐ-CP",
    },
    {
        "code": "DEMO-CDS-04", "area": 6, "difficulty": 1, "citizen": True,
        "text": "Đề án 06 (Quyết định 06/QĐ-TTg ngày 06/01/2022) là đề án về nội dung gì?",
        "options": [
            "Phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ "
            "chuyển đổi số quốc gia",
            "Sắp xếp đơn vị hành chính cấp huyện, cấp xã",
            "Cải cách chính sách tiền lương",
            "Tự chủ tài chính của đơn vị sự nghiệp công lập",
        ],
        "correct": [0],
        "explanation": "Đề án 06 giai đoạn 2022 - 2025, tầm nhìn đến năm 2030, do Bộ Công an "
                       "chủ trì.",
        "legal_basis": "Quyết định 06/QĐ-TTg năm 2022",
    },
    {
        "code": "DEMO-CDS-05", "area": 6, "difficulty": 1, "citizen": True,
        "text": "Ứng dụng định danh điện tử quốc gia do Bộ Công an phát triển có tên là gì?",
        "options": ["VNeID", "VssID", "eTax Mobile", "Zalo"],
        "correct": [0],
        "explanation": "VNeID là ứng dụng định danh điện tử quốc gia; VssID là ứng dụng bảo "
                       "hiểm xã hội số, eTax Mobile là ứng dụng thuế điện tử.",
        "legal_basis": "Quyết định 06/QĐ-TTg năm 2022",
    },
    {
        "code": "DEMO-CDS-06", "area": 6, "difficulty": 2, "citizen": True,
        "text": "Chương trình Chuyển đổi số quốc gia (Quyết định 749/QĐ-TTg năm 2020) xác "
                "định ba trụ cột nào?",
        "options": ["Chính phủ số, kinh tế số và xã hội số",
                    "Hạ tầng số, dữ liệu số và nhân lực số",
                    "Thương mại điện tử, ngân hàng số và y tế số",
                    "Đô thị thông minh, nông thôn số và giáo dục số"],
        "correct": [0],
        "explanation": "Quyết định 749/QĐ-TTg phê duyệt Chương trình Chuyển đổi số quốc gia "
                       "đến năm 2025, định hướng đến năm 2030, với ba trụ cột trên.",
        "legal_basis": "Quyết định 749/QĐ-TTg năm 2020",
    },
    {
        "code": "DEMO-CDS-07", "area": 6, "difficulty": 2, "citizen": True,
        "text": "Ngày Chuyển đổi số quốc gia là ngày nào hằng năm?",
        "options": ["Ngày 10 tháng 10", "Ngày 9 tháng 11", "Ngày 1 tháng 7", "Ngày 2 tháng 9"],
        "correct": [0],
        "explanation": "Thủ tướng Chính phủ lấy ngày 10 tháng 10 hằng năm là Ngày Chuyển đổi "
                       "số quốc gia.",
        "legal_basis": "Quyết định 505/QĐ-TTg năm 2022",
    },
    {
        "code": "DEMO-CDS-08", "area": 6, "difficulty": 2, "citizen": True,
        "text": "Nghị định 45/2020/NĐ-CP của Chính phủ quy định về nội dung gì?",
        "options": ["Thực hiện thủ tục hành chính trên môi trường điện tử",
                    "Bảo vệ dữ liệu cá nhân",
                    "Cơ chế tự chủ tài chính của đơn vị sự nghiệp công lập",
                    "Kiểm soát thủ tục hành chính"],
        "correct": [0],
        "explanation": "Nghị định 45/2020/NĐ-CP quy định việc thực hiện thủ tục hành chính "
                       "trên môi trường điện tử, gồm cả việc sử dụng bản sao điện tử.",
        "legal_basis": "Nghị định 45/2020/NĐ-CP",
    },
    {
        "code": "DEMO-CDS-09", "area": 6, "difficulty": 3,
        "text": "Theo Nghị định 13/2023/NĐ-CP, dữ liệu cá nhân gồm những loại nào? (Chọn tất "
                "cả phương án đúng)",
        "options": ["Dữ liệu cá nhân cơ bản", "Dữ liệu cá nhân nhạy cảm",
                    "Dữ liệu cá nhân công cộng", "Dữ liệu cá nhân mở"],
        "correct": [0, 1],
        "explanation": "Nghị định 13/2023/NĐ-CP chia dữ liệu cá nhân thành dữ liệu cá nhân cơ "
                       "bản và dữ liệu cá nhân nhạy cảm.",
        "legal_basis": "Nghị định 13/2023/NĐ-CP",
    },
    {
        "code": "DEMO-CDS-10", "area": 6, "difficulty": 2, "citizen": True,
        "text": "Theo Nghị định 13/2023/NĐ-CP, trường hợp nào được coi là sự đồng ý của chủ "
                "thể dữ liệu cá nhân?",
        "options": [
            "Chủ thể dữ liệu im lặng, không phản hồi",
            "Chủ thể dữ liệu thể hiện rõ ràng, cụ thể, tự nguyện (bằng văn bản, giọng nói, "
            "đánh dấu vào ô đồng ý hoặc hành động tương tự)",
            "Hệ thống tự động coi là đồng ý khi truy cập trang web",
            "Người quen đồng ý thay mà không có ủy quyền",
        ],
        "correct": [1],
        "explanation": "Sự đồng ý phải được thể hiện rõ ràng, cụ thể và có thể kiểm chứng; im "
                       "lặng hoặc không phản hồi không được coi là sự đồng ý.",
        "legal_basis": "Nghị định 13/2023/NĐ-CP",
    },
    {
        "code": "DEMO-CDS-11", "area": 6, "difficulty": 3,
        "text": "Chỉ số đánh giá mức độ chuyển đổi số (DTI) của các bộ, ngành, địa phương do "
                "cơ quan nào chủ trì xác định?",
        "options": ["Bộ Thông tin và Truyền thông (nay là Bộ Khoa học và Công nghệ)",
                    "Bộ Nội vụ", "VCCI", "UNDP"],
        "correct": [0],
        "explanation": "DTI do Bộ Thông tin và Truyền thông chủ trì; từ năm 2025 Bộ này hợp "
                       "nhất vào Bộ Khoa học và Công nghệ.",
        "legal_basis": "Chỉ số DTI",
    },
    {
        "code": "DEMO-CDS-12", "area": 6, "difficulty": 2, "citizen": True,
        "text": "Cơ sở dữ liệu quốc gia về dân cư do cơ quan nào quản lý?",
        "options": ["Bộ Công an", "Bộ Tư pháp", "Bộ Nội vụ", "Bộ Khoa học và Công nghệ"],
        "correct": [0],
        "explanation": "Bộ Công an xây dựng, quản lý Cơ sở dữ liệu quốc gia về dân cư và chủ "
                       "trì Đề án 06.",
        "legal_basis": "Luật Căn cước năm 2023; Quyết định 06/QĐ-TTg năm 2022",
    },
]
