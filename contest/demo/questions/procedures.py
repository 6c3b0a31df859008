"""Demo questions, area 2: Cải cách thủ tục hành chính."""

QUESTIONS: list[dict] = [
    {
        "code": "DEMO-TT-01", "area": 2, "difficulty": 1, "citizen": True,
        "text": "Theo Nghị định 61/2018/NĐ-CP, “cơ chế một cửa liên thông” được hiểu là gì?",
        "options": [
            "Phương thức phối hợp giữa các cơ quan có thẩm quyền cùng cấp hoặc khác cấp trong "
            "giải quyết một thủ tục hành chính hoặc một nhóm thủ tục hành chính có liên quan, "
            "thông qua Bộ phận Một cửa",
            "Mỗi cơ quan tự tiếp nhận và trả kết quả tại phòng chuyên môn của mình",
            "Người dân tự mang hồ sơ đến lần lượt từng cơ quan có liên quan",
            "Chỉ tiếp nhận hồ sơ qua dịch vụ bưu chính công ích",
        ],
        "correct": [0],
        "explanation": "Với một cửa liên thông, người dân chỉ nộp hồ sơ và nhận kết quả tại "
                       "Bộ phận Một cửa; các cơ quan tự phối hợp với nhau để giải quyết.",
        "legal_basis": "Nghị định 61/2018/NĐ-CP",
    },
    {
        "code": "DEMO-TT-02", "area": 2, "difficulty": 1, "citizen": True,
        "text": "Theo Nghị định 61/2018/NĐ-CP, Bộ phận Một cửa ở cấp tỉnh được tổ chức dưới "
                "tên gọi nào?",
        "options": ["Trung tâm Phục vụ hành chính công", "Phòng Tiếp công dân",
                    "Trung tâm Giám sát, điều hành đô thị thông minh",
                    "Văn phòng Đoàn đại biểu Quốc hội"],
        "correct": [0],
        "explanation": "Ở cấp tỉnh, Bộ phận Một cửa là Trung tâm Phục vụ hành chính công, "
                       "đơn vị hành chính đặc thù thuộc Văn phòng Ủy ban nhân dân cấp tỉnh.",
        "legal_basis": "Nghị định 61/2018/NĐ-CP",
    },
    {
        "code": "DEMO-TT-03", "area": 2, "difficulty": 2, "citizen": True,
        "text": "Theo Nghị định 61/2018/NĐ-CP, khi hồ sơ thủ tục hành chính được giải quyết "
                "quá hạn, cơ quan có trách nhiệm phải làm gì?",
        "options": [
            "Gửi văn bản xin lỗi tổ chức, cá nhân, ghi rõ lý do quá hạn và thời gian hẹn "
            "trả kết quả",
            "Yêu cầu tổ chức, cá nhân nộp lại bộ hồ sơ mới",
            "Thu thêm phí để giải quyết nhanh",
            "Không cần thông báo, chỉ cần trả kết quả khi xong",
        ],
        "correct": [0],
        "explanation": "Cơ quan làm quá hạn phải xin lỗi bằng văn bản (Phiếu xin lỗi và hẹn "
                       "lại ngày trả kết quả) và nêu rõ lý do.",
        "legal_basis": "Nghị định 61/2018/NĐ-CP",
    },
    {
        "code": "DEMO-TT-04", "area": 2, "difficulty": 1, "citizen": True,
        "text": "Theo Nghị định 63/2010/NĐ-CP, thủ tục hành chính là gì?",
        "options": [
            "Trình tự, cách thức thực hiện, hồ sơ và yêu cầu, điều kiện do cơ quan nhà nước, "
            "người có thẩm quyền quy định để giải quyết một công việc cụ thể liên quan đến cá "
            "nhân, tổ chức",
            "Văn bản do cơ quan hành chính ban hành để điều hành công việc nội bộ",
            "Quy chế làm việc của Ủy ban nhân dân các cấp",
            "Quy định về xử lý kỷ luật cán bộ, công chức",
        ],
        "correct": [0],
        "explanation": "Đây là định nghĩa thủ tục hành chính tại Nghị định 63/2010/NĐ-CP về "
                       "kiểm soát thủ tục hành chính.",
        "legal_basis": "Nghị định 63/2010/NĐ-CP",
    },
    {
        "code": "DEMO-TT-05", "area": 2, "difficulty": 2,
        "text": "Theo Nghị định 63/2010/NĐ-CP, những nội dung nào dưới đây là bộ phận tạo "
                "thành của một thủ tục hành chính? (Chọn tất cả phương án đúng)",
        "options": ["Trình tự thực hiện", "Thời hạn giải quyết",
                    "Họ tên công chức tiếp nhận hồ sơ",
                    "Số điện thoại riêng của người đứng đầu cơ quan"],
        "correct": [0, 1],
        "explanation": "Thủ tục hành chính gồm: tên thủ tục, trình tự, cách thức thực hiện, "
                       "hồ sơ, thời hạn giải quyết, đối tượng, cơ quan thực hiện, kết quả và "
                       "khi có: phí, lệ phí, mẫu đơn, tờ khai, yêu cầu, điều kiện.",
        "legal_basis": "Nghị định 63/2010/NĐ-CP",
    },
    {
        "code": "DEMO-TT-06", "area": 2, "difficulty": 2, "citizen": True,
        "text": "Hiện nay, cơ quan nào giúp Chính phủ thực hiện chức năng kiểm soát thủ tục "
                "hành chính trên phạm vi cả nước?",
        "options": ["Văn phòng Chính phủ", "Bộ Tư pháp", "Bộ Nội vụ", "Bộ Công an"],
        "correct": [0],
        "explanation": "Từ năm 2017, Văn phòng Chính phủ đảm nhận chức năng kiểm soát thủ tục "
                       "hành chính (trước đó do Bộ Tư pháp thực hiện).",
        "legal_basis": "Nghị định 63/2010/NĐ-CP, sửa đổi bởi Nghị định 92/2017/NĐ-CP",
    },
    {
        "code": "DEMO-TT-07", "area": 2, "difficulty": 3,
        "text": "Nghị định nào quy định về tiếp nhận, xử lý phản ánh, kiến nghị của cá nhân, "
                "tổ chức về quy định hành chính?",
        "options": ["Nghị định 20/2008/NĐ-CP", "Nghị định 61/2018/NĐ-CP",
                    "Nghị định 13/2023/NĐ-CP", "Nghị định 60/2021/NĐ-CP"],
        "correct": [0],
        "explanation": "Nghị định 20/2008/NĐ-CP quy định việc tiếp nhận, xử lý phản ánh, kiến "
                       "nghị về quy định hành chính; các nghị định còn lại lần lượt về một cửa, "
                       "bảo vệ dữ liệu cá nhân và tự chủ tài chính đơn vị sự nghiệp công lập.",
        "legal_basis": "Nghị định 20/2008/NĐ-CP",
    },
    {
        "code": "DEMO-TT-08", "area": 2, "difficulty": 1, "citizen": True,
        "text": "Tổ chức, cá nhân có thể nộp hồ sơ thủ tục hành chính theo cách nào?",
        "options": ["Trực tiếp tại Bộ phận Một cửa", "Qua dịch vụ bưu chính công ích",
                    "Trực tuyến tại Cổng Dịch vụ công", "Cả A, B, C đều đúng"],
        "correct": [3], "keep_in_place": [0, 1, 2, 3],
        "explanation": "Nghị định 61/2018/NĐ-CP cho phép nộp hồ sơ trực tiếp, qua bưu chính "
                       "công ích hoặc trực tuyến, tùy theo quy định của từng thủ tục.",
        "legal_basis": "Nghị định 61/2018/NĐ-CP",
    },
    {
        "code": "DEMO-TT-09", "area": 2, "difficulty": 2, "citizen": True,
        "text": "Nội dung nào sau đây là một nguyên tắc thực hiện cơ chế một cửa, một cửa "
                "liên thông theo Nghị định 61/2018/NĐ-CP?",
        "options": [
            "Lấy sự hài lòng của tổ chức, cá nhân là thước đo chất lượng và hiệu quả phục vụ",
            "Công chức tiếp nhận được thu thêm khoản hỗ trợ ngoài phí, lệ phí",
            "Hồ sơ được ưu tiên giải quyết theo quan hệ quen biết",
            "Cơ quan được yêu cầu bổ sung hồ sơ nhiều lần",
        ],
        "correct": [0],
        "explanation": "Nghị định 61/2018/NĐ-CP lấy sự hài lòng của tổ chức, cá nhân làm thước "
                       "đo và không cho phép làm phát sinh chi phí ngoài quy định.",
        "legal_basis": "Nghị định 61/2018/NĐ-CP",
    },
    {
        "code": "DEMO-TT-10", "area": 2, "difficulty": 3,
        "text": "Nghị định 61/2018/NĐ-CP về thực hiện cơ chế một cửa, một cửa liên thông "
                "được sửa đổi, bổ sung bởi nghị định nào?",
        "options": ["Nghị định 107/2021/NĐ-CP", "Nghị định 45/2020/NĐ-CP",
                    "Nghị định 42/2022/NĐ-CP", "Nghị định 92/2017/NĐ-CP"],
        "correct": [0],
        "explanation": "Nghị định 107/2021/NĐ-CP sửa đổi, bổ sung Nghị định 61/2018/NĐ-CP, "
                       "trong đó có yêu cầu số hóa hồ sơ, kết quả giải quyết thủ tục hành chính.",
        "legal_basis": "Nghị định 107/2021/NĐ-CP",
    },
    {
        "code": "DEMO-TT-11", "area": 2, "difficulty": 2, "citizen": True,
        "text": "Theo Nghị định 61/2018/NĐ-CP, khi hồ sơ chưa đầy đủ, chưa chính xác, công "
                "chức tiếp nhận phải làm gì?",
        "options": [
            "Hướng dẫn đầy đủ, cụ thể một lần để tổ chức, cá nhân bổ sung, hoàn thiện hồ sơ",
            "Từ chối tiếp nhận mà không cần nêu lý do",
            "Hướng dẫn dần từng phần qua nhiều lần nộp",
            "Tự ý bổ sung giấy tờ thay cho người nộp",
        ],
        "correct": [0],
        "explanation": "Công chức phải hướng dẫn một lần, đầy đủ bằng Phiếu yêu cầu bổ sung, "
                       "hoàn thiện hồ sơ; không được yêu cầu bổ sung nhiều lần.",
        "legal_basis": "Nghị định 61/2018/NĐ-CP",
    },
    {
        "code": "DEMO-TT-12", "area": 2, "difficulty": 3,
        "text": "Theo Nghị định 63/2010/NĐ-CP, quy định về thủ tục hành chính phải bảo đảm "
                "những nguyên tắc nào? (Chọn tất cả phương án đúng)",
        "options": [
            "Đơn giản, dễ hiểu và dễ thực hiện",
            "Tiết kiệm thời gian và chi phí của cá nhân, tổ chức và cơ quan hành chính nhà nước",
            "Yêu cầu càng nhiều giấy tờ càng tốt để bảo đảm chặt chẽ",
            "Ưu tiên thuận tiện cho cơ quan giải quyết hơn người dân",
        ],
        "correct": [0, 1],
        "explanation": "Nguyên tắc quy định thủ tục hành chính gồm: đơn giản, dễ hiểu, dễ thực "
                       "hiện; phù hợp mục tiêu quản lý; bảo đảm bình đẳng; tiết kiệm thời gian, "
                       "chi phí; bảo đảm tính hợp hiến, hợp pháp, thống nhất, đồng bộ, hiệu quả.",
        "legal_basis": "Nghị định 63/2010/NĐ-CP",
    },
    {
        "code": "DEMO-TT-13", "area": 2, "difficulty": 1, "citizen": True,
        "text": "Chỉ số nào đo lường sự hài lòng của người dân, tổ chức đối với sự phục vụ "
                "của cơ quan hành chính nhà nước?",
        "options": ["SIPAS", "PCI", "DTI", "PAR INDEX"],
        "correct": [0],
        "explanation": "SIPAS là Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ "
                       "của cơ quan hành chính nhà nước, do Bộ Nội vụ triển khai đo lường.",
        "legal_basis": "Nghị quyết 76/NQ-CP",
    },
]
