"""Everyday words for what reports write in their own register ("người thiệt mạng" for "chết",
"nợ khó đòi" for "nợ xấu"): a question using them also searches the report's words.

The pairs are general Vietnamese usage for socio-economic indicators, not taken from any one
report, across the domains the reports cover (farming to public order); the report's side is
always words the reports use. Like abbreviations, the report's words are appended and the
question kept whole. A phrase the indexed reports use often themselves ("gia cầm", "phạm
pháp") is their wording, not an everyday one: it is left alone, or the appended words would
outweigh what was asked.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rag.abbreviations import COMMON_PHRASE_PASSAGES
from rag.text import strip_diacritics

# everyday wording (any of) -> the words reports use
_PAIRS: list[tuple[tuple[str, ...], str]] = [
    (("thiệt mạng", "tử vong", "mất mạng", "thiệt hại về người"), "chết"),
    (
        (
            "va chạm xe",
            "va chạm giao thông",
            "đâm xe",
            "tai nạn xe",
            "đụng xe",
            "xe đâm",
            "xe tông",
            "lật xe",
            "tai nạn đường bộ",
        ),
        "tai nạn giao thông",
    ),
    (("nợ khó đòi", "khoản vay khó đòi", "vay khó đòi", "nợ quá hạn"), "nợ xấu"),
    (
        (
            "khoản vay",
            "tiền cho vay",
            "cho vay ra",
            "vay vốn ngân hàng",
            "nợ ngân hàng",
            "tiền vay ngân hàng",
        ),
        "dư nợ tín dụng",
    ),
    (("tiền gửi", "huy động tiền", "gửi tiết kiệm", "tiền gửi tiết kiệm"), "nguồn vốn huy động"),
    (("chủng ngừa", "tiêm vắc xin", "tiêm vaccine", "tiêm chủng"), "tiêm phòng"),
    (("hàng nhái", "hàng giả mạo", "hàng kém chất lượng"), "hàng giả"),
    (
        (
            "hàng lậu",
            "nhập lậu",
            "vận chuyển trái phép",
            "hàng trôi nổi",
            "hàng không rõ nguồn gốc",
            "hàng không hóa đơn",
        ),
        "buôn lậu",
    ),
    (
        (
            "lãi cắt cổ",
            "cho vay nặng lãi",
            "vay nặng lãi",
            "bốc họ",
            "vay lãi ngày",
            "cho vay lãi cao",
            "vay lãi cao",
        ),
        "tín dụng đen",
    ),
    (("mới ra trường", "mới tốt nghiệp"), "tốt nghiệp"),
    (("bị lửa thiêu", "rừng bị cháy", "lửa rừng"), "cháy rừng"),
    (("thiêu rụi", "cháy rụi", "bị thiêu"), "cháy"),
    (
        (
            "du khách",
            "khách tham quan",
            "người đến tham quan",
            "khách đến chơi",
            "người đi du lịch",
            "khách đi chơi",
        ),
        "khách du lịch",
    ),
    (("tiền thu", "nguồn thu"), "thu ngân sách"),
    (("tiền chi", "chi tiêu ngân sách"), "chi ngân sách"),
    (("bán ra nước ngoài", "hàng bán ra nước ngoài", "hàng xuất đi"), "xuất khẩu"),
    (("mua từ nước ngoài", "hàng mua vào từ nước ngoài"), "nhập khẩu"),
    (("công ty mới", "doanh nghiệp mới", "lập mới", "mở mới công ty"), "thành lập mới"),
    (("đóng cửa", "ngừng kinh doanh", "dừng hoạt động"), "tạm ngừng hoạt động giải thể"),
    (("công ty",), "doanh nghiệp"),
    (("tìm được việc", "có việc làm mới", "việc làm mới", "tạo việc làm"), "giải quyết việc làm"),
    (("xuất khẩu lao động", "đi làm ở nước ngoài"), "lao động đi làm việc ở nước ngoài"),
    (
        ("giá cả", "lạm phát", "mức giá", "vật giá", "giá sinh hoạt", "mặt bằng giá"),
        "chỉ số giá tiêu dùng",
    ),
    (("doanh số bán lẻ", "bán lẻ hàng hóa", "doanh thu bán lẻ"), "tổng mức bán lẻ"),
    (("cấy lúa", "trồng lúa", "gieo trồng lúa"), "gieo cấy lúa"),
    (("mùa màng", "thu hoạch được"), "sản lượng"),
    (("vật nuôi", "gia súc", "gia cầm", "đàn gia súc"), "chăn nuôi"),
    (("đàn vật nuôi", "đàn con vật", "số con vật nuôi"), "đàn gia súc, gia cầm"),
    (("trồng cây gây rừng", "trồng thêm rừng", "trồng rừng mới"), "trồng rừng"),
    (
        (
            "khám bệnh",
            "chữa bệnh",
            "bệnh nhân",
            "đi khám",
            "người bệnh",
            "người đến khám",
            "chữa trị",
            "chạy chữa",
            "đi viện",
            "đi bệnh viện",
        ),
        "khám chữa bệnh",
    ),
    (("ăn uống", "ngộ độc do ăn"), "ngộ độc thực phẩm"),
    (("phạm pháp", "vụ án", "phạm tội"), "tội phạm"),
    (("bắt giữ", "bắt được"), "bắt giữ phát hiện xử lý"),
    (("đơn thư", "khiếu kiện", "tố giác"), "khiếu nại tố cáo"),
    (("ký điện tử", "ký số", "chữ ký điện tử"), "chữ ký số"),
    (
        (
            "nộp hồ sơ trực tuyến",
            "làm thủ tục qua mạng",
            "thủ tục qua mạng",
            "nộp hồ sơ online",
            "nộp online",
            "hồ sơ online",
        ),
        "dịch vụ công trực tuyến",
    ),
    (("tiền đầu tư nhà nước", "vốn nhà nước", "vốn ngân sách đầu tư"), "vốn đầu tư công"),
    (("tăng trưởng kinh tế", "tổng sản phẩm", "gdp"), "tốc độ tăng trưởng GRDP"),
    (("thu nhập đầu người", "thu nhập mỗi người"), "thu nhập bình quân đầu người"),
    (
        ("xe chở hàng", "xe hàng", "chuyến xe hàng", "xe container", "xe công-te-nơ"),
        "phương tiện xe hàng hóa",
    ),
    (
        ("hàng qua biên giới", "buôn bán qua biên giới", "giao thương biên giới"),
        "xuất nhập khẩu qua cửa khẩu",
    ),
    (("làm đường", "mở đường", "đường sá"), "giao thông đường bộ"),
    (("nhà ở cho người nghèo", "làm nhà cho hộ nghèo"), "hỗ trợ nhà ở hộ nghèo"),
    (("người nghèo", "nhà nghèo", "hộ khó khăn", "gia đình khó khăn"), "hộ nghèo"),
    (("ra quân", "nhập ngũ", "đi bộ đội", "đi lính", "khám nghĩa vụ"), "tuyển quân giao quân"),
    (("gdp đầu người", "gdp bình quân đầu người"), "GRDP bình quân đầu người"),
    # kinh tế chung, điều hành
    (("tỷ lệ các ngành", "phần trăm các ngành", "cơ cấu nền kinh tế"), "cơ cấu kinh tế"),
    (
        ("tổng đầu tư xã hội", "tiền đầu tư của cả xã hội", "đầu tư toàn tỉnh"),
        "tổng vốn đầu tư phát triển toàn xã hội",
    ),
    (
        ("kinh tế đi xuống", "kinh tế suy giảm", "suy thoái kinh tế", "kinh tế chững lại"),
        "tốc độ tăng trưởng kinh tế",
    ),
    (("điểm yếu", "mặt yếu", "mặt còn yếu", "thiếu sót", "chưa làm được"), "tồn tại, hạn chế"),
    (("thành tựu", "thành quả nổi bật", "những việc làm được"), "kết quả nổi bật"),
    (
        ("việc cần làm", "việc sắp làm", "kế hoạch sắp tới", "sẽ làm gì", "dự định làm gì"),
        "nhiệm vụ trọng tâm",
    ),
    (
        ("gói phục hồi", "gói kích cầu", "kích thích kinh tế", "phục hồi sau dịch"),
        "Chương trình phục hồi và phát triển kinh tế - xã hội",
    ),
    (("các chương trình quốc gia", "chương trình quốc gia"), "chương trình mục tiêu quốc gia"),
    (("xây xong", "làm xong", "xây dựng xong", "thi công xong"), "hoàn thành"),
    (("được vinh danh", "được chứng nhận", "đạt danh hiệu", "được cấp chứng nhận"), "công nhận"),
    (
        (
            "quyên góp",
            "vận động ủng hộ",
            "kêu gọi ủng hộ",
            "mạnh thường quân",
            "tiền ủng hộ",
            "đóng góp tự nguyện",
        ),
        "huy động xã hội hóa",
    ),
    (("dân đóng góp", "tiền dân góp", "dân góp tiền"), "các khoản huy động, đóng góp"),
    # nông nghiệp, lâm nghiệp
    (("trồng trọt", "xuống giống", "gieo hạt"), "diện tích gieo trồng"),
    (("đàn heo", "nuôi heo", "con heo"), "đàn lợn"),
    (("dịch heo", "dịch tả heo", "heo bị dịch"), "dịch tả lợn châu phi"),
    (("đàn gà", "gà vịt", "nuôi gà"), "đàn gia cầm"),
    (("giữ rừng", "phá rừng", "chặt phá rừng", "lâm tặc"), "bảo vệ rừng"),
    (("độ phủ rừng", "độ che phủ", "phủ xanh đồi núi"), "tỷ lệ che phủ rừng"),
    (("lúa ngô", "thóc gạo", "lúa gạo"), "tổng sản lượng lương thực"),
    (("gặt lúa", "gặt hái", "gặt mùa"), "thu hoạch"),
    (("mất mùa", "lúa được mùa", "lúa mất mùa"), "năng suất"),
    (("lúa chiêm", "vụ chiêm xuân"), "vụ Đông Xuân"),
    (("vụ hè thu", "lúa hè thu"), "vụ mùa"),
    (("cây bắp", "trồng bắp", "hạt bắp"), "cây ngô"),
    (("đậu phộng", "cây đậu phộng"), "lạc"),
    (("rau xanh", "rau màu"), "rau các loại"),
    (("dịch hại cây trồng", "sâu bọ", "bệnh hại lúa", "rầy nâu", "sâu cuốn lá"), "sâu bệnh"),
    (("cây ăn trái", "vườn cây ăn trái", "trồng cây ăn trái"), "cây ăn quả"),
    (("cây có múi", "vườn cam"), "cam, quýt, bưởi"),
    (("cây thuốc nam", "trồng cây thuốc nam", "thảo dược"), "cây dược liệu"),
    (("phân đạm", "phân hóa học"), "phân bón"),
    (("thuốc trừ sâu", "thuốc bảo vệ thực vật", "thuốc diệt cỏ"), "vật tư nông nghiệp"),
    (("tưới tiêu", "tưới ruộng"), "nước tưới"),
    (("kênh mương", "mương máng", "đập nước"), "thủy lợi"),
    (("hồ thủy lợi", "đập chứa nước", "hồ đập"), "hồ chứa nước"),
    (("nuôi cá", "ao cá", "nuôi thủy sản"), "nuôi trồng thủy sản"),
    (("con trâu con bò", "gia súc lớn", "trâu và bò"), "đàn trâu, bò"),
    (("nuôi lại lợn", "nuôi lại heo", "tái đàn heo", "nuôi heo trở lại"), "tái đàn lợn"),
    (("lở mồm", "bệnh lở mồm"), "lở mồm long móng"),
    (("bệnh nổi cục", "da nổi cục", "bò nổi cục"), "viêm da nổi cục"),
    (
        (
            "chết rét",
            "gia súc bị rét",
            "trâu bò chết rét",
            "giữ ấm cho trâu bò",
            "che chắn chuồng trại",
        ),
        "chống rét cho gia súc",
    ),
    (("lò mổ", "mổ lợn", "mổ heo", "giết thịt"), "kiểm soát giết mổ"),
    (("bệnh dại", "chó mèo dại"), "tiêm phòng chó mèo"),
    (("trồng cây lẻ", "trồng cây rải rác", "cây trồng phân tán"), "trồng cây phân tán"),
    (("rừng tự phục hồi", "rừng tự mọc lại", "để rừng tự tái sinh"), "khoanh nuôi tái sinh"),
    (
        (
            "xã về đích",
            "về đích nông thôn mới",
            "đủ 19 tiêu chí",
            "đủ tiêu chí nông thôn mới",
            "xã mới đạt chuẩn",
        ),
        "đạt chuẩn nông thôn mới",
    ),
    (("làng kiểu mẫu", "thôn kiểu mẫu", "xóm kiểu mẫu"), "khu dân cư kiểu mẫu"),
    (("mỗi xã một sản phẩm", "sản phẩm gắn sao", "sản phẩm đạt sao"), "sản phẩm OCOP"),
    (("làm vụ", "vào vụ", "gieo trỉa"), "gieo trồng"),
    (("cây giống", "hạt giống", "lúa giống"), "giống, vật tư nông nghiệp"),
    (
        (
            "gia súc bị bệnh",
            "trâu bò bị bệnh",
            "lợn bị bệnh",
            "bệnh trên vật nuôi",
            "cúm gà",
            "cúm gia cầm",
        ),
        "dịch bệnh gia súc, gia cầm",
    ),
    (("rau sạch", "rau an toàn", "nông sản sạch", "vietgap"), "sản xuất theo tiêu chuẩn an toàn"),
    (
        (
            "bao tiêu",
            "bao tiêu sản phẩm",
            "đầu ra cho nông sản",
            "đầu ra nông sản",
            "thu mua nông sản",
        ),
        "liên kết sản xuất và tiêu thụ sản phẩm",
    ),
    (("chuỗi liên kết", "sản xuất khép kín", "chuỗi cung ứng"), "chuỗi giá trị"),
    (
        ("thương hiệu chung", "nhãn hiệu chung", "thương hiệu nông sản", "thương hiệu làng"),
        "nhãn hiệu tập thể",
    ),
    (("trữ nước", "giữ nước hồ"), "tích nước"),
    (("nạo vét kênh mương", "làm thủy lợi đầu xuân", "ra quân thủy lợi"), "ra quân làm thủy lợi"),
    (
        ("đổi cây trồng", "chuyển đổi cây trồng", "bỏ lúa trồng cây khác", "chuyển đất lúa"),
        "chuyển dịch cơ cấu cây trồng",
    ),
    (("canh lửa rừng", "chòi canh lửa", "trực chống cháy rừng"), "trực, gác lửa rừng"),
    (("sương sáo", "cây sương sáo"), "cây thạch đen"),
    (("chăm rừng", "chăm cây rừng"), "chăm sóc rừng"),
    (
        ("khoán rừng", "nhận khoán bảo vệ rừng", "dân tự giữ rừng", "giao rừng cho dân"),
        "nhân dân tự bảo vệ rừng",
    ),
    (
        ("mô hình làm kinh tế", "mô hình kinh tế hộ", "mô hình làm giàu"),
        "mô hình phát triển sản xuất",
    ),
    (("làm nông", "nghề nông", "nhà nông"), "sản xuất nông, lâm nghiệp"),
    # công nghiệp
    (
        ("tăng trưởng công nghiệp", "sản lượng công nghiệp", "công nghiệp tăng trưởng"),
        "chỉ số sản xuất công nghiệp",
    ),
    (("điện năng", "phát điện", "lượng điện phát ra"), "điện sản xuất"),
    (("điện bán ra", "điện tiêu thụ", "điện bán cho dân"), "điện thương phẩm"),
    (("khai thác mỏ", "ngành mỏ", "công nghiệp mỏ"), "công nghiệp khai khoáng"),
    (("mỏ than", "khai thác than", "than nguyên khai", "than đá"), "than sạch"),
    (("điện than", "nhà máy điện than"), "nhiệt điện"),
    (("ngành điện", "công ty điện lực"), "sản xuất và phân phối điện"),
    (("nhà máy nước", "ngành nước"), "nước máy"),
    (
        ("điện mặt trời", "pin mặt trời", "điện năng lượng mặt trời", "điện sạch"),
        "năng lượng tái tạo",
    ),
    (("clanhke", "clanke"), "clinker"),
    (("gạch nung", "gạch xây", "gạch ngói", "viên gạch"), "gạch các loại"),
    (("đồ gỗ", "gỗ xẻ", "chế biến gỗ", "khai thác gỗ"), "gỗ rừng trồng"),
    (("thủy điện nhỏ", "đập thủy điện"), "nhà máy thủy điện"),
    (("mỏ đá", "nổ mìn phá đá", "bãi khai thác đá"), "khai thác đá"),
    (("khai thác quặng", "đào quặng", "mỏ quặng"), "khai thác khoáng sản"),
    (("dừng khai thác mỏ", "ngừng khai thác mỏ"), "đóng cửa mỏ"),
    # thương mại, cửa khẩu, vận tải
    (
        ("giá trị xuất nhập khẩu", "trị giá xuất nhập khẩu", "giá trị hàng xuất nhập khẩu"),
        "tổng kim ngạch xuất nhập khẩu",
    ),
    (("qua hải quan", "thông hàng", "làm thủ tục hải quan"), "thông quan"),
    (("xe nằm chờ", "ứ đọng xe", "kẹt xe ở cửa khẩu", "hàng bị ứ"), "ùn tắc hàng hóa"),
    (("lối mở", "lối mở biên giới", "đường mòn biên giới"), "lối thông quan"),
    (("dời chợ", "di chuyển chợ", "chuyển địa điểm chợ"), "di dời chợ"),
    (("người buôn bán", "dân buôn bán", "người bán hàng ở chợ"), "hộ tiểu thương"),
    (("sức mua", "người dân chi tiêu", "tiêu dùng của dân"), "tổng mức bán lẻ"),
    (("bão giá", "giá leo thang", "giá tăng vọt", "sốt giá"), "tăng giá đột biến"),
    (("thiếu hàng", "khan hàng", "hết hàng"), "khan hiếm hàng hóa"),
    (("giữ giá", "kìm giá", "ổn định giá"), "bình ổn giá"),
    (("sắm tết", "hàng tết", "đi chợ tết"), "mặt hàng phục vụ Tết"),
    (("chợ quê", "chợ phiên"), "chợ nông thôn"),
    (
        (
            "bán hàng online",
            "bán hàng qua mạng",
            "mua hàng online",
            "sàn thương mại",
            "bán hàng trên mạng",
            "mua bán trên mạng",
            "mua sắm online",
            "livestream bán hàng",
        ),
        "thương mại điện tử",
    ),
    (("cân thiếu", "gian lận cân đo", "kiểm định cân"), "đo lường"),
    (("trái cây", "thanh long", "dưa hấu", "sầu riêng"), "hoa quả"),
    (("hàng của tỉnh", "hàng do tỉnh sản xuất", "sản phẩm của tỉnh xuất khẩu"), "hàng địa phương"),
    (("tiểu ngạch", "buôn bán tiểu ngạch", "hàng tiểu ngạch"), "cửa khẩu phụ"),
    (("bãi đậu xe", "bãi xe container", "bãi container"), "bãi đỗ xe"),
    (("phí cửa khẩu", "phí hạ tầng cửa khẩu", "tiền phí cửa khẩu"), "phí kết cấu hạ tầng"),
    (("khu miễn thuế", "vùng miễn thuế"), "khu phi thuế quan"),
    (("đô la mỹ", "đồng đô la", "đô mỹ"), "USD"),
    (("tàu hỏa", "xe lửa", "đường tàu"), "đường sắt"),
    (("xe khách", "xe buýt", "taxi", "xe ôm"), "vận tải hành khách"),
    (("nhu yếu phẩm", "đồ dùng thiết yếu", "hàng hóa thiết yếu"), "mặt hàng thiết yếu"),
    (("tích trữ hàng", "dự trữ hàng", "chuẩn bị hàng tết"), "cung ứng hàng hóa"),
    (("hội chợ", "hội chợ thương mại", "quảng cáo sản phẩm"), "xúc tiến thương mại"),
    (("mở lại cửa khẩu", "cửa khẩu mở lại", "thông quan trở lại"), "khôi phục lại hoạt động"),
    (
        ("xe tồn", "xe còn tồn", "xe chờ xuất khẩu", "xe chờ xuất hàng", "xe hàng chờ"),
        "phương tiện chờ hàng xuất khẩu",
    ),
    (("thông quan điện tử", "cửa khẩu điện tử"), "Nền tảng cửa khẩu số"),
    (("ga tàu", "nhà ga", "ga xe lửa"), "Ga đường sắt"),
    (("buôn gian bán lận", "gian thương", "bán hàng gian dối"), "gian lận thương mại"),
    (("hàng quốc cấm", "hàng bị cấm"), "hàng cấm"),
    (("hàng bị tịch thu", "hàng bị thu giữ", "đồ bị tịch thu"), "tang vật tịch thu"),
    # du lịch
    (("khách tây", "khách ngoại quốc", "du khách nước ngoài", "khách nước ngoài"), "khách quốc tế"),
    (("du khách trong nước", "khách du lịch trong nước", "khách người việt"), "khách nội địa"),
    (("tiền thu từ du lịch", "thu từ khách du lịch", "doanh số du lịch"), "doanh thu du lịch"),
    (("homestay", "du lịch bản làng", "du lịch làng bản"), "du lịch cộng đồng"),
    (("geopark", "công viên đá"), "công viên địa chất"),
    (("đón khách du lịch", "lượng khách đến", "khách đổ về"), "lượt khách du lịch"),
    (("giới thiệu du lịch", "tiếp thị du lịch", "quảng cáo du lịch"), "quảng bá, xúc tiến du lịch"),
    # ngân sách
    (("xài hết", "tiêu xài", "xài"), "chi"),
    (("thuế trong tỉnh", "thuế nội địa", "thu thuế phí"), "thu nội địa"),
    (("thuế hải quan", "thuế xuất nhập khẩu", "thuế nhập khẩu"), "thu từ hoạt động xuất nhập khẩu"),
    (("tiền đất", "tiền bán đất", "thu từ bán đất"), "tiền sử dụng đất"),
    (
        (
            "chi hành chính",
            "chi hoạt động bộ máy",
            "chi trả lương",
            "quỹ lương",
            "tiền lương cán bộ",
        ),
        "chi thường xuyên",
    ),
    (("chi xây dựng cơ bản", "chi cho xây dựng", "chi cho công trình"), "chi đầu tư phát triển"),
    (("ngân sách tỉnh", "tiền của tỉnh", "vốn của tỉnh"), "ngân sách địa phương"),
    (("tiền trung ương", "trung ương cấp vốn", "vốn trung ương cấp"), "ngân sách trung ương"),
    (("trốn thuế", "lậu thuế", "khai man thuế"), "gian lận thuế"),
    (("thu không đạt", "thu thiếu", "thu không đủ"), "hụt thu"),
    (("nhà đất", "thị trường nhà đất", "đất nền", "sốt đất"), "bất động sản"),
    (("nợ thuế", "chây ì nộp thuế", "chưa nộp thuế", "dây dưa nộp thuế"), "nợ đọng thuế"),
    (("lọt thu", "bỏ sót nguồn thu", "thất thoát nguồn thu"), "chống thất thu"),
    (("giảm thuế", "miễn thuế", "hoãn thuế", "gia hạn thuế"), "miễn, giảm, giãn thuế"),
    (("bán vé số", "tiền xổ số", "thu từ xổ số"), "xổ số kiến thiết"),
    (
        (
            "cắt giảm chi tiêu",
            "thắt lưng buộc bụng",
            "tiêu hoang phí",
            "phung phí",
            "lãng phí của công",
        ),
        "thực hành tiết kiệm, chống lãng phí",
    ),
    (
        ("tiền hỗ trợ từ trung ương", "trung ương rót tiền", "trung ương hỗ trợ thêm"),
        "ngân sách Trung ương hỗ trợ có mục tiêu",
    ),
    (("chi cục thuế", "cơ quan thuế", "ngành thuế"), "Cục thuế tỉnh"),
    # đầu tư
    (
        ("tiêu vốn", "rót vốn", "chi tiền dự án", "tiêu hết vốn", "chi hết vốn", "xài vốn"),
        "giải ngân",
    ),
    (("cấp phép dự án", "cho phép đầu tư", "giấy phép đầu tư", "xin đầu tư"), "chủ trương đầu tư"),
    (("đền bù", "đền bù giải tỏa", "giải tỏa mặt bằng"), "giải phóng mặt bằng"),
    (
        (
            "dự án treo",
            "dự án đắp chiếu",
            "dự án ì ạch",
            "công trình chậm",
            "dự án bị chậm",
            "trễ tiến độ",
            "dự án bị đình trệ",
        ),
        "chậm tiến độ",
    ),
    (("vốn tư nhân", "vốn ngoài nhà nước", "đầu tư tư nhân"), "nguồn vốn ngoài ngân sách"),
    (("bỏ tiền", "bỏ tiền đầu tư"), "vốn đầu tư"),
    (("vốn chuyển nguồn", "vốn cũ chuyển sang"), "vốn kéo dài"),
    (("nợ nhà thầu", "nợ công trình", "nợ đọng xây dựng"), "nợ xây dựng cơ bản"),
    (("vay nước ngoài", "viện trợ nước ngoài", "vốn vay ưu đãi"), "vốn ODA"),
    (
        ("đầu tư nước ngoài", "doanh nghiệp nước ngoài", "công ty nước ngoài"),
        "đầu tư trực tiếp nước ngoài",
    ),
    (("đổi đất lấy hạ tầng", "xây dựng chuyển giao"), "hợp đồng BT"),
    (
        ("rút giấy phép đầu tư", "thu hồi giấy phép đầu tư", "hủy dự án", "rút dự án"),
        "thu hồi giấy chứng nhận đăng ký đầu tư",
    ),
    (("trạm bot", "thu phí bot"), "trạm thu phí"),
    (("bê tông hóa đường", "đổ bê tông đường", "đường bê tông"), "cứng hóa"),
    (("đường thôn", "đường xóm", "đường liên thôn", "đường liên xã"), "giao thông nông thôn"),
    (
        ("xây nhà không phép", "xây dựng không phép", "xây dựng trái phép", "lấn chiếm"),
        "trật tự đô thị",
    ),
    (
        ("động thổ", "bắt đầu xây", "bắt đầu thi công", "lễ động thổ", "khởi động dự án"),
        "khởi công",
    ),
    (("khánh thành", "cắt băng khánh thành", "bàn giao công trình"), "hoàn thành đưa vào sử dụng"),
    (("thông xe", "nối thông", "thông đường"), "thông tuyến"),
    (("vốn tiêu chậm", "tiêu vốn chậm", "vốn nằm im", "vốn bị đọng"), "tồn đọng vốn"),
    (("công ty xây dựng", "đơn vị thi công", "bên thi công"), "nhà thầu"),
    (("sửa đường", "sửa chữa đường", "làm lại đường"), "cải tạo, nâng cấp"),
    (("cho xi măng", "cấp xi măng", "phát xi măng"), "hỗ trợ xi măng"),
    (
        ("công trình lớn", "dự án chủ chốt", "dự án mũi nhọn", "công trình trọng yếu"),
        "dự án trọng điểm",
    ),
    (("hút vốn", "thu hút vốn", "mời nhà đầu tư", "kéo nhà đầu tư"), "thu hút đầu tư"),
    (("giao mặt bằng", "trao mặt bằng"), "bàn giao mặt bằng"),
    (("tiền đền bù", "bồi hoàn", "tiền bồi hoàn", "đền bù đất"), "bồi thường, hỗ trợ, tái định cư"),
    # doanh nghiệp, hợp tác xã
    (
        (
            "mở cửa lại",
            "kinh doanh lại",
            "làm ăn trở lại",
            "quay lại kinh doanh",
            "quay lại hoạt động",
            "kinh doanh trở lại",
        ),
        "hoạt động trở lại",
    ),
    (("vốn điều lệ", "vốn góp", "vốn thành lập"), "vốn đăng ký"),
    (("doanh nghiệp vừa và nhỏ", "công ty nhỏ", "doanh nghiệp nhỏ lẻ"), "doanh nghiệp nhỏ và vừa"),
    (("khởi sự kinh doanh", "startup", "lập nghiệp"), "khởi nghiệp"),
    (("mở công ty", "lập công ty", "mở doanh nghiệp"), "doanh nghiệp thành lập mới"),
    (("phá sản", "dẹp tiệm", "chấm dứt hoạt động", "xóa sổ doanh nghiệp"), "giải thể"),
    (
        (
            "tạm nghỉ kinh doanh",
            "tạm dừng kinh doanh",
            "tạm đóng cửa",
            "cửa khẩu bị đóng",
            "ngừng thông quan",
            "dừng thông quan",
        ),
        "tạm ngừng hoạt động",
    ),
    (
        ("rút giấy phép kinh doanh", "tước giấy phép kinh doanh", "thu hồi giấy phép kinh doanh"),
        "thu hồi Giấy chứng nhận đăng ký kinh doanh",
    ),
    (("môi trường làm ăn", "môi trường kinh doanh thông thoáng"), "môi trường đầu tư kinh doanh"),
    (("làm ăn", "buôn bán làm ăn"), "sản xuất kinh doanh"),
    (("công ty nhà nước", "doanh nghiệp quốc doanh"), "doanh nghiệp nhà nước"),
    (("cổ phần hóa", "thoái vốn nhà nước"), "cơ cấu lại doanh nghiệp nhà nước"),
    (("khu vực tư nhân", "doanh nghiệp tư nhân"), "kinh tế tư nhân"),
    (("lập hợp tác xã", "mở hợp tác xã", "hợp tác xã mới"), "hợp tác xã thành lập mới"),
    (
        ("giấy phép kinh doanh", "giấy phép làm ăn", "giấy đăng ký kinh doanh"),
        "giấy chứng nhận đăng ký doanh nghiệp",
    ),
    (
        ("làm ăn thua lỗ", "kinh doanh thua lỗ", "doanh nghiệp gặp khó", "thua lỗ"),
        "tháo gỡ khó khăn, vướng mắc",
    ),
    (
        ("đối thoại với doanh nghiệp", "đối thoại doanh nghiệp", "gặp mặt doanh nghiệp"),
        "gặp gỡ, làm việc với các doanh nghiệp",
    ),
    (("xếp hạng pci", "điểm pci"), "chỉ số năng lực cạnh tranh cấp tỉnh"),
    # ngân hàng
    (
        ("lãi vay", "lãi ngân hàng", "tiền lãi", "lãi suất ngân hàng", "lãi suất vay"),
        "lãi suất cho vay",
    ),
    (("chuyển khoản", "trả qua tài khoản", "thanh toán qua thẻ"), "không dùng tiền mặt"),
    (("ví điện tử", "quét mã", "thanh toán qua điện thoại"), "thanh toán điện tử"),
    # đất đai
    (("sổ đỏ", "sổ hồng", "bìa đỏ", "làm sổ đất"), "giấy chứng nhận quyền sử dụng đất"),
    (("hộ dân", "người dân"), "hộ gia đình, cá nhân"),
    (("quy hoạch đất", "kế hoạch đất đai", "chỉ tiêu đất"), "kế hoạch sử dụng đất"),
    (("cát tặc", "hút cát trái phép", "khai thác lậu", "đào đất trái phép"), "khai thác trái phép"),
    (("đấu giá đất", "bán đất công", "đấu giá lô đất"), "đấu giá các khu đất"),
    (("cấp đất", "chia đất"), "giao đất"),
    (
        ("bị lấy đất", "nhà nước lấy đất", "trưng dụng đất", "lấy lại đất", "nhà nước lấy lại đất"),
        "thu hồi đất",
    ),
    (("di dời dân", "chỗ ở mới cho dân"), "tái định cư"),
    (("giấy phép mỏ", "cấp phép mỏ", "xin mở mỏ"), "cấp phép khai thác khoáng sản"),
    (("tiền mỏ", "phí khai thác mỏ", "tiền khai thác mỏ"), "tiền cấp quyền khai thác khoáng sản"),
    (("đất đắp nền", "đất đắp", "đất san nền"), "đất san lấp"),
    (("mướn đất", "đi thuê đất", "thuê mặt bằng"), "cho thuê đất"),
    (("định giá đất", "giá đất đền bù", "khung giá đất"), "giá đất cụ thể"),
    (
        ("đo đạc đất", "đo đạc địa chính", "bản đồ địa chính", "hồ sơ địa chính"),
        "cơ sở dữ liệu địa chính",
    ),
    (("sổ đỏ đất rừng", "sổ đất rừng", "sổ lâm bạ"), "giấy chứng nhận sử dụng đất lâm nghiệp"),
    # môi trường
    (("thu gom rác", "rác sinh hoạt", "bãi rác"), "chất thải rắn"),
    (("xả thải", "khói bụi", "nước thải bẩn"), "ô nhiễm môi trường"),
    (("nước giếng", "nước dùng sinh hoạt", "nước ăn uống"), "nước hợp vệ sinh"),
    (("thời tiết thất thường", "khí hậu thay đổi", "nóng lên toàn cầu"), "biến đổi khí hậu"),
    (("nước ngầm", "khoan giếng", "giếng khoan"), "tài nguyên nước"),
    (("rác bệnh viện", "rác y tế"), "chất thải y tế"),
    (("động vật hoang dã", "thú rừng"), "đa dạng sinh học"),
    (("đốt rác", "lò đốt rác"), "thu gom, xử lý rác thải"),
    (
        ("nhà máy gây ô nhiễm", "xưởng gây ô nhiễm", "nhà máy xả thải"),
        "cơ sở gây ô nhiễm môi trường",
    ),
    (("giấy phép môi trường", "báo cáo tác động môi trường"), "đánh giá tác động môi trường"),
    (("cứu hộ", "cứu người bị nạn", "cứu hộ cứu nạn"), "tìm kiếm cứu nạn"),
    # y tế
    (("bác sĩ", "thầy thuốc", "y bác sĩ"), "bác sỹ"),
    (("thẻ bảo hiểm", "thẻ khám bệnh", "bảo hiểm sức khỏe"), "bảo hiểm y tế"),
    (
        ("nằm viện", "nhập viện", "điều trị tại viện", "vào viện", "nằm điều trị", "ở lại viện"),
        "điều trị nội trú",
    ),
    (("thực phẩm bẩn", "đồ ăn bẩn", "thực phẩm không rõ nguồn gốc"), "vệ sinh an toàn thực phẩm"),
    (
        (
            "bệnh viện tư nhân",
            "phòng khám tư nhân",
            "y tế tư nhân",
            "trường tư thục",
            "phòng khám tư",
            "phòng mạch",
            "trường dân lập",
        ),
        "ngoài công lập",
    ),
    (
        (
            "điều trị tại nhà",
            "không nằm viện",
            "khám xong về nhà",
            "không nhập viện",
            "không vào viện",
            "không ở lại viện",
            "không điều trị nội trú",
            "không nằm điều trị",
        ),
        "điều trị ngoại trú",
    ),
    (("giường viện", "giường nằm viện"), "giường bệnh"),
    (("trạm xá", "trạm y tế phường"), "trạm y tế xã"),
    (("xã chuẩn y tế", "xã đạt chuẩn y tế"), "tiêu chí quốc gia về y tế"),
    (("bệnh viện công", "bệnh viện nhà nước"), "khám và chữa bệnh công lập"),
    (("bệnh viện quá tải", "vượt tuyến"), "quá tải bệnh viện tuyến trên"),
    (("châm cứu", "thuốc đông y", "y học dân tộc"), "y học cổ truyền"),
    (
        ("tiêm chủng mở rộng", "tiêm đủ mũi", "tiêm đủ vắc xin", "tiêm chủng cho trẻ"),
        "tiêm đầy đủ các loại vắc xin",
    ),
    (("muỗi vằn", "bệnh do muỗi"), "sốt xuất huyết"),
    (("người mắc bệnh", "số người mắc", "người bị lây"), "ca mắc"),
    (("điểm dịch", "vùng dịch"), "ổ dịch"),
    (("khám thai", "sản phụ", "bà bầu", "phụ nữ mang thai"), "sức khỏe bà mẹ"),
    (("khám online", "khám bệnh trực tuyến", "bác sĩ từ xa"), "khám chữa bệnh từ xa"),
    (("bệnh viện tự chủ", "tự thu tự chi"), "tự chủ tài chính"),
    (("thuốc men", "thiếu thuốc", "vật tư tiêu hao"), "thuốc, vật tư y tế"),
    (("khám bảo hiểm", "khám bằng bảo hiểm", "khám có bảo hiểm"), "khám bảo hiểm y tế"),
    (("bệnh lây", "bệnh dễ lây", "bệnh lây lan", "dịch lây"), "bệnh truyền nhiễm"),
    (("tay chân miệng", "bệnh tay chân miệng"), "Tay – Chân – Miệng"),
    (("giám định thương tật", "khám giám định", "giám định sức khỏe"), "giám định y khoa"),
    (
        ("kiểm tra y tế ở cửa khẩu", "đo thân nhiệt ở cửa khẩu", "kiểm dịch ở cửa khẩu"),
        "kiểm dịch y tế biên giới",
    ),
    (("bệnh viện huyện",), "trung tâm y tế huyện"),
    (("thuốc đắt", "giá thuốc tăng", "thuốc tăng giá"), "quản lý giá thuốc"),
    (("que test", "test nhanh", "kit xét nghiệm"), "hóa chất, sinh phẩm"),
    # giáo dục
    (("thi vào lớp 10", "thi chuyển cấp", "thi vào cấp 3"), "tuyển sinh"),
    (("thi tốt nghiệp cấp 3", "thi hết cấp 3", "thi đại học"), "kỳ thi tốt nghiệp THPT"),
    (
        ("trường chuẩn", "trường chuẩn quốc gia", "trường được công nhận chuẩn"),
        "trường học đạt chuẩn quốc gia",
    ),
    (("thầy cô giáo", "thầy giáo", "người dạy học"), "giáo viên"),
    (("mẫu giáo", "nhà trẻ"), "mầm non"),
    (("đi học", "cắp sách đến trường"), "học sinh"),
    (("học sinh đạt giải", "đội tuyển học sinh", "giải học sinh"), "học sinh giỏi"),
    (
        (
            "gộp trường",
            "dồn trường",
            "gộp điểm trường",
            "ghép trường",
            "sáp nhập trường",
            "sáp nhập điểm trường",
        ),
        "sắp xếp mạng lưới trường lớp",
    ),
    (("xóa mù chữ", "chống mù chữ"), "phổ cập giáo dục"),
    (("sữa cho học sinh", "sữa cho trẻ"), "sữa học đường"),
    (("học online", "học qua mạng", "học từ xa"), "học tập trực tuyến"),
    (("tựu trường", "ngày khai trường"), "khai giảng"),
    (("trường cấp 1", "học sinh cấp 1", "trường cấp một"), "tiểu học"),
    (("trường cấp 2", "học sinh cấp 2", "trường cấp hai"), "trung học cơ sở"),
    (("trường cấp 3", "học sinh cấp 3", "trường cấp ba"), "trung học phổ thông"),
    (("kiểm định trường", "đánh giá chất lượng trường"), "kiểm định chất lượng giáo dục"),
    (("máy tính cho học sinh", "tặng máy tính"), "Sóng và máy tính cho em"),
    (("đại hội thể thao học sinh", "thi thể thao học sinh"), "Hội khoẻ Phù Đổng"),
    # lao động, việc làm
    (
        (
            "mất việc",
            "mất việc làm",
            "không có việc",
            "bị sa thải",
            "bị đuổi việc",
            "cắt giảm lao động",
        ),
        "bảo hiểm thất nghiệp",
    ),
    (("dạy nghề", "đào tạo tay nghề", "học nghề miễn phí", "đi học nghề"), "đào tạo nghề"),
    (("hội chợ việc làm", "ngày hội việc làm", "sàn việc làm"), "phiên giao dịch việc làm"),
    (
        ("lao động có tay nghề", "lao động có bằng cấp", "lao động có chuyên môn"),
        "lao động qua đào tạo",
    ),
    (("tìm việc", "kiếm việc", "xin việc", "môi giới việc làm"), "giới thiệu việc làm"),
    (("tiền thất nghiệp", "lãnh thất nghiệp", "lĩnh thất nghiệp"), "trợ cấp thất nghiệp"),
    (("gói hỗ trợ", "tiền hỗ trợ covid", "tiền hỗ trợ dịch"), "chi trả hỗ trợ"),
    (("người học nghề", "số người học nghề"), "tuyển sinh và đào tạo"),
    (("nhận vào học", "nhập học", "vào học"), "tuyển sinh"),
    (("bộ giấy tờ", "giấy tờ xin"), "hồ sơ"),
    (("hướng nghiệp", "định hướng nghề"), "tư vấn việc làm, học nghề"),
    (
        (
            "làm hồ sơ thất nghiệp",
            "nộp hồ sơ thất nghiệp",
            "đăng ký thất nghiệp",
            "xin trợ cấp thất nghiệp",
        ),
        "nộp hồ sơ hưởng bảo hiểm thất nghiệp",
    ),
    (("làm ruộng", "dân làm ruộng", "người làm nông"), "lao động trong ngành nông nghiệp"),
    (
        ("ăn lương nhà nước", "ăn lương ngân sách", "hưởng lương nhà nước"),
        "người làm việc hưởng lương từ ngân sách nhà nước",
    ),
    (("cán bộ dôi dư", "người dôi dư", "thừa biên chế", "dư biên chế"), "đối tượng dôi dư"),
    # an sinh xã hội
    (
        (
            "thương binh liệt sĩ",
            "gia đình liệt sĩ",
            "con liệt sĩ",
            "liệt sĩ",
            "liệt sỹ",
            "bà mẹ việt nam anh hùng",
            "thương binh",
            "bệnh binh",
        ),
        "người có công",
    ),
    (("gần nghèo", "sắp nghèo", "sát chuẩn nghèo"), "hộ cận nghèo"),
    (
        (
            "cứu đói",
            "thiếu lương thực",
            "phát gạo",
            "hỗ trợ gạo",
            "cấp gạo",
            "gạo cứu trợ",
            "thiếu ăn",
            "hộ thiếu ăn",
            "bị đói",
        ),
        "thiếu đói",
    ),
    (("trẻ mồ côi", "người khuyết tật", "người tàn tật", "người neo đơn"), "bảo trợ xã hội"),
    (("lương hưu", "đóng bảo hiểm", "bảo hiểm hưu trí", "về hưu", "nghỉ hưu"), "bảo hiểm xã hội"),
    (("trợ cấp hàng tháng", "tiền trợ cấp hàng tháng"), "trợ cấp thường xuyên"),
    (("tiền ma chay", "tiền mai táng", "tiền tang lễ", "hỗ trợ ma chay"), "trợ cấp mai táng phí"),
    (("tiền quà tết", "tặng quà tết", "phát quà", "quà tết"), "thăm hỏi, tặng quà"),
    (("thoát nghèo", "hết nghèo", "bớt nghèo"), "tỷ lệ hộ nghèo"),
    (("người già", "cụ già", "người già yếu"), "người cao tuổi"),
    (("trẻ nhỏ", "con nít", "thiếu nhi"), "trẻ em"),
    (("nam nữ bình đẳng", "quyền phụ nữ", "trọng nam khinh nữ"), "bình đẳng giới"),
    (("bà con dân tộc", "người thiểu số"), "dân tộc thiểu số"),
    (("vùng sâu vùng xa", "vùng cao", "xã nghèo"), "xã đặc biệt khó khăn"),
    (("bạo hành trẻ em", "xâm hại trẻ em", "bảo vệ trẻ nhỏ"), "bảo vệ chăm sóc trẻ em"),
    (
        ("gia đình văn hóa", "gia đình hạnh phúc", "gia đình kiểu mẫu"),
        "gia đình văn minh, hạnh phúc",
    ),
    (("hội trường thôn", "nhà sinh hoạt cộng đồng", "nhà sinh hoạt thôn"), "nhà văn hoá"),
    # văn hóa, thể thao
    (("đền miếu", "chùa chiền", "miếu mạo"), "di tích"),
    (("đá bóng", "giải bóng đá", "thi đấu thể thao"), "thể dục thể thao"),
    (("trẩy hội", "đi hội", "hội xuân"), "lễ hội"),
    (("huy chương", "tuyển thủ", "đội tuyển tỉnh"), "thể thao thành tích cao"),
    (("đốt pháo", "pháo nổ", "pháo lậu"), "vi phạm về pháo"),
    (("đi thi đấu", "thi đấu giải", "giải đấu"), "giải thể thao"),
    (
        ("tập thể dục", "rèn luyện thân thể", "thể thao phong trào", "thể thao cho dân"),
        "thể dục thể thao quần chúng",
    ),
    (("ca múa nhạc", "hát múa", "buổi diễn văn nghệ"), "hoạt động văn hóa, văn nghệ"),
    (
        ("trùng tu", "tu bổ di tích", "sửa chữa di tích"),
        "bảo tồn, tôn tạo và phát huy giá trị di sản văn hóa",
    ),
    (("sinh nhật tỉnh", "ngày lập tỉnh"), "Ngày thành lập tỉnh"),
    (("báo đài", "phát thanh truyền hình", "loa phát thanh"), "thông tin, tuyên truyền"),
    # khoa học, công nghệ
    (("sáng chế", "bản quyền", "bằng độc quyền"), "sở hữu trí tuệ"),
    (("phóng xạ", "máy x quang", "chiếu chụp x quang"), "an toàn bức xạ"),
    (
        ("đề tài khoa học", "dự án khoa học", "nhiệm vụ nghiên cứu"),
        "đề tài, dự án khoa học và công nghệ",
    ),
    (("phát minh", "ý tưởng cải tiến"), "sáng kiến, cải tiến kỹ thuật"),
    (
        ("tiêu chuẩn chất lượng", "tem chất lượng", "kiểm định hàng hóa"),
        "tiêu chuẩn đo lường chất lượng",
    ),
    # viễn thông, chuyển đổi số
    (
        (
            "nhà mạng",
            "sóng điện thoại",
            "mạng di động",
            "internet",
            "thuê bao",
            "cáp quang",
            "điện thoại di động",
            "phủ sóng",
            "sóng 4g",
            "mạng 4g",
            "wifi",
        ),
        "viễn thông",
    ),
    (
        ("bưu điện", "chuyển phát", "gửi bưu phẩm", "shipper", "ship hàng", "bưu phẩm", "bưu kiện"),
        "bưu chính",
    ),
    (("chính quyền số", "công nghệ số", "số hóa toàn diện"), "chuyển đổi số"),
    (("tấn công mạng", "an ninh mạng", "bảo mật thông tin", "hack"), "an toàn thông tin"),
    (("vneid", "tài khoản định danh", "định danh mức 2"), "định danh điện tử"),
    (("scan hồ sơ", "scan giấy tờ", "quét hồ sơ"), "số hoá"),
    (("họp online", "họp trực tuyến", "họp zoom"), "hội nghị truyền hình trực tuyến"),
    (("app", "ứng dụng di động", "ứng dụng điện thoại", "phần mềm điện thoại"), "ứng dụng"),
    (("app công dân số", "ứng dụng công dân số", "app của tỉnh"), "Công dân số Xứ Lạng"),
    (("chatbot", "hỏi đáp tự động", "robot trả lời"), "trợ lý ảo"),
    (("dữ liệu dân cư", "cơ sở dữ liệu dân cư"), "dữ liệu về dân cư"),
    (
        ("công văn điện tử", "văn bản điện tử", "gửi văn bản qua mạng"),
        "Hệ thống quản lý văn bản và điều hành",
    ),
    (
        ("diễn tập an ninh mạng", "diễn tập chống tấn công mạng"),
        "diễn tập thực chiến bảo đảm an toàn thông tin",
    ),
    (
        (
            "căn cước công dân",
            "thẻ căn cước",
            "làm căn cước",
            "chứng minh nhân dân",
            "chứng minh thư",
        ),
        "CCCD",
    ),
    # an ninh trật tự
    (
        (
            "cờ bạc",
            "đánh bài ăn tiền",
            "chơi bài ăn tiền",
            "cá độ bóng đá",
            "sới bạc",
            "gá bạc",
            "ổ cờ bạc",
            "sòng bạc",
            "lô đề",
        ),
        "đánh bạc",
    ),
    (
        (
            "chất cấm",
            "hàng trắng",
            "thuốc phiện",
            "thuốc lắc",
            "cần sa",
            "người nghiện",
            "con nghiện",
            "hút chích",
            "chất gây nghiện",
            "thuốc gây nghiện",
        ),
        "ma túy",
    ),
    (
        (
            "trộm cắp",
            "cướp giật",
            "án hình sự",
            "đâm chém",
            "ăn trộm",
            "ăn cắp",
            "giết người",
            "án mạng",
            "cố ý gây thương tích",
            "mất trộm",
            "bị trộm",
            "trộm xe",
        ),
        "phạm pháp hình sự",
    ),
    (
        (
            "uống rượu lái xe",
            "say xỉn lái xe",
            "rượu bia lái xe",
            "thổi cồn",
            "say rượu lái xe",
            "lái xe say rượu",
            "nhậu lái xe",
        ),
        "nồng độ cồn",
    ),
    (("vượt biên", "nhập cảnh chui", "xuất cảnh chui"), "xuất nhập cảnh trái phép"),
    (("mại dâm", "bán dâm", "nghiện hút"), "tệ nạn xã hội"),
    (("hỏa hoạn", "cháy nhà", "chập điện"), "cháy nổ"),
    (
        (
            "lừa đảo qua mạng",
            "lừa đảo online",
            "lừa qua điện thoại",
            "lừa đảo trên mạng",
            "lừa qua mạng",
            "lừa tiền",
            "bị lừa tiền",
            "bị lừa đảo",
            "chiếm đoạt tiền",
        ),
        "lừa đảo chiếm đoạt tài sản",
    ),
    (("tỷ lệ phá án", "làm rõ vụ án"), "khám phá án"),
    (("vụ án nghiêm trọng", "án nghiêm trọng"), "trọng án"),
    (("băng nhóm", "băng đảng", "xã hội đen"), "ổ, nhóm tội phạm"),
    (("nghi phạm", "kẻ gian", "hung thủ", "thủ phạm"), "đối tượng"),
    (("thương vong",), "chết, bị thương"),
    (("tắc đường", "kẹt đường", "kẹt xe"), "ùn tắc giao thông"),
    (
        ("vượt đèn đỏ", "chạy quá tốc độ", "không đội mũ bảo hiểm", "phạt nguội"),
        "vi phạm trật tự an toàn giao thông",
    ),
    (("cảnh sát giao thông", "csgt"), "tuần tra, kiểm soát"),
    (("cứu hỏa", "lính cứu hỏa", "bình cứu hỏa"), "phòng cháy chữa cháy"),
    (("tóm được", "tóm gọn", "tóm", "bắt quả tang", "bắt gọn", "vây bắt"), "phát hiện, bắt"),
    (("đánh sập", "dẹp bỏ", "phá ổ nhóm", "dẹp băng nhóm", "phá băng nhóm"), "triệt phá"),
    (
        ("càn quét tội phạm", "truy bắt tội phạm", "chiến dịch truy quét", "mạnh tay với tội phạm"),
        "tấn công trấn áp tội phạm",
    ),
    (("đưa ra xét xử", "bị đưa ra tòa", "đưa ra truy tố"), "khởi tố"),
    (("người bị khởi tố", "bị cáo"), "bị can"),
    (
        (
            "buôn ma túy",
            "buôn bán chất cấm",
            "đường dây ma túy",
            "buôn hàng trắng",
            "vận chuyển ma túy",
        ),
        "mua bán, vận chuyển, tàng trữ trái phép chất ma túy",
    ),
    (("tìm ra thủ phạm", "tìm ra hung thủ", "điều tra ra"), "điều tra làm rõ"),
    (("súng tự chế", "súng săn", "vật liệu nổ", "kíp nổ"), "vũ khí, thuốc nổ"),
    (
        ("dẫn người vượt biên", "đưa người vượt biên", "môi giới vượt biên"),
        "đưa dẫn người Việt Nam xuất cảnh trái phép",
    ),
    (
        (
            "làm trái quy định",
            "làm sai quy định",
            "làm sai luật",
            "phạm luật",
            "trái luật",
            "sai luật",
        ),
        "vi phạm",
    ),
    (
        (
            "cảnh sát",
            "cơ quan công an",
            "bên công an",
            "đội quản lý thị trường",
            "bộ đội biên phòng",
        ),
        "các lực lượng chức năng",
    ),
    # quốc phòng, đối ngoại
    (
        ("xuất ngũ", "bộ đội xuất ngũ", "hết nghĩa vụ", "bộ đội trở về", "quân nhân trở về"),
        "quân nhân hoàn thành nghĩa vụ quân sự",
    ),
    (("nghĩa vụ công an", "đi nghĩa vụ công an"), "nghĩa vụ tham gia Công an nhân dân"),
    (("cán bộ đi nước ngoài", "đi công tác nước ngoài"), "đoàn ra"),
    (("hộ chiếu", "visa"), "xuất nhập cảnh"),
    (
        ("tòng quân", "lên đường nhập ngũ", "thanh niên lên đường", "đi nghĩa vụ"),
        "gọi công dân nhập ngũ",
    ),
    (("tập trận", "diễn tập quân sự", "tập trận quân sự"), "diễn tập khu vực phòng thủ"),
    (
        ("giữ biên giới", "canh giữ biên giới", "bảo vệ biên cương", "giữ đất biên cương"),
        "bảo vệ chủ quyền biên giới quốc gia",
    ),
    (("học quân sự", "học quốc phòng", "huấn luyện quân sự"), "giáo dục quốc phòng - an ninh"),
    (("bộ đội", "quân đội", "chiến sĩ"), "lực lượng vũ trang"),
    (("đoàn nước ngoài đến", "đoàn nước ngoài sang", "người nước ngoài đến làm việc"), "đoàn vào"),
    (
        ("quan hệ với trung quốc", "hợp tác với trung quốc", "quan hệ với quảng tây"),
        "hợp tác với Quảng Tây",
    ),
    (("đàm phán", "họp với phía trung quốc", "gặp phía trung quốc"), "hội đàm"),
    # thanh tra
    (
        (
            "nộp phạt",
            "bị phạt tiền",
            "phạt hành chính",
            "mức phạt",
            "bị phạt",
            "phạt tiền",
            "ra quyết định phạt",
            "lập biên bản phạt",
        ),
        "xử phạt vi phạm hành chính",
    ),
    (
        (
            "sai phạm tài chính",
            "chi sai quy định",
            "tiêu sai quy định",
            "tiền sai phạm",
            "số tiền sai phạm",
            "phát hiện sai sót",
        ),
        "phát hiện sai phạm",
    ),
    (("nộp kho bạc", "sung công quỹ", "nộp vào ngân sách"), "nộp ngân sách nhà nước"),
    (("tham ô", "nhận hối lộ", "ăn hối lộ", "đút lót"), "tham nhũng"),
    (("thu lại tiền", "đòi lại tiền", "buộc hoàn trả"), "kiến nghị thu hồi"),
    (
        (
            "khép lại",
            "thanh tra xong",
            "kiểm tra xong",
            "xong cuộc thanh tra",
            "làm xong cuộc thanh tra",
        ),
        "kết thúc",
    ),
    (("soát xét", "kiểm tra lại", "thanh kiểm tra"), "thanh tra, kiểm tra"),
    (("lấy lại tiền", "thu lại được", "đòi lại được", "lấy lại được"), "đã thu hồi được"),
    (
        ("chống tiêu cực", "bài trừ tham nhũng", "đánh tham nhũng", "diệt tham nhũng"),
        "phòng, chống tham nhũng",
    ),
    # tiếp dân, khiếu nại
    (("tiếp dân", "đón tiếp người dân", "dân đến phản ánh"), "tiếp công dân"),
    (("đơn kiện", "gửi đơn", "đơn phản ánh"), "đơn khiếu nại"),
    (("kiện lên trên", "kiện lên tỉnh", "kéo đoàn đi kiện"), "khiếu kiện vượt cấp"),
    (("đơn tồn đọng", "đơn còn tồn", "đơn cũ chưa giải quyết"), "đơn tồn kỳ trước chuyển sang"),
    (("thụ lý", "thụ lý đơn", "nhận đơn", "nhận được đơn"), "tiếp nhận"),
    (
        ("còn dồn lại", "còn tồn lại", "chưa làm xong", "chưa giải quyết xong", "chưa xử lý xong"),
        "đang giải quyết",
    ),
    (("xử lý xong", "giải quyết xong", "đã xử lý xong"), "đã giải quyết được"),
    (
        ("người dân phản ánh", "ý kiến của dân", "dân góp ý", "đường dây nóng"),
        "tiếp nhận phản ánh và xử lý kiến nghị",
    ),
    (
        ("kiện tụng kéo dài", "khiếu kiện dai dẳng", "đơn thư dây dưa", "vụ việc dây dưa"),
        "vụ việc phức tạp, tồn đọng kéo dài",
    ),
    # cải cách hành chính
    (("làm giấy tờ", "thủ tục giấy tờ", "giấy tờ hành chính"), "thủ tục hành chính"),
    (("trễ hẹn", "hồ sơ trễ hẹn", "chậm trả hồ sơ", "quá hẹn", "chậm hẹn"), "trễ hạn"),
    (
        (
            "dân chấm điểm",
            "người dân đánh giá",
            "chấm điểm cơ quan",
            "người dân hài lòng",
            "dân có hài lòng",
        ),
        "mức độ hài lòng",
    ),
    (("giảm biên chế", "cắt giảm biên chế", "tinh gọn bộ máy"), "tinh giản biên chế"),
    (("đúng hẹn", "kịp hẹn"), "đúng hạn"),
    (("sớm hẹn", "trước hẹn"), "trước hạn"),
    (("nộp tại quầy", "nộp hồ sơ giấy", "đến nộp trực tiếp"), "tiếp nhận trực tiếp"),
    (
        ("trung tâm hành chính công", "bộ phận một cửa", "bộ phận tiếp nhận và trả kết quả"),
        "Trung tâm Phục vụ hành chính công",
    ),
    (("gộp phòng ban", "sáp nhập phòng ban", "cắt giảm phòng ban"), "phòng chuyên môn"),
    (("xếp hạng cải cách hành chính", "điểm cải cách hành chính"), "chỉ số cải cách hành chính"),
    (("thi biên chế", "thi vào nhà nước", "thi tuyển cán bộ"), "thi tuyển công chức"),
    (("bằng khen", "giấy khen", "huân chương"), "thi đua, khen thưởng"),
    (
        (
            "hồ sơ tồn",
            "hồ sơ tồn đọng",
            "hồ sơ còn tồn",
            "hồ sơ dồn lại",
            "hồ sơ chưa giải quyết",
            "hồ sơ chưa giải quyết xong",
            "hồ sơ chưa xử lý",
        ),
        "hồ sơ đang giải quyết",
    ),
    (
        ("hồ sơ năm trước", "hồ sơ cũ chuyển sang", "hồ sơ tồn từ năm trước"),
        "hồ sơ năm trước chuyển sang",
    ),
    (
        ("gửi hồ sơ qua bưu điện", "nhận kết quả qua bưu điện", "trả qua bưu điện"),
        "dịch vụ bưu chính công ích",
    ),
    (("hồ sơ nộp qua mạng", "hồ sơ nộp trực tuyến", "hồ sơ nộp online"), "tiếp nhận trực tuyến"),
    (("làm trọn trên mạng", "hoàn toàn trên mạng", "làm hoàn toàn qua mạng"), "toàn trình"),
    (
        ("hạch sách", "vòi vĩnh", "gây khó dễ", "làm khó dân", "cán bộ làm khó"),
        "gây phiền hà, nhũng nhiễu",
    ),
    (("bỏ phiếu tín nhiệm", "đánh giá tín nhiệm"), "lấy phiếu tín nhiệm"),
    (("ban hành văn bản", "văn bản luật", "bãi bỏ văn bản"), "văn bản quy phạm pháp luật"),
    (("kỷ luật cán bộ", "đi muộn về sớm", "kỷ cương công vụ"), "kỷ luật, kỷ cương hành chính"),
    (
        ("giao quyền cho cấp dưới", "giao quyền cho huyện", "trao quyền cho huyện"),
        "phân cấp, phân quyền",
    ),
    # COVID-19
    (("mắc covid", "bị covid", "f0", "người nhiễm covid"), "ca nhiễm"),
    (("khu cách ly", "bị cách ly", "đưa đi cách ly"), "cách ly tập trung"),
    (("mũi nhắc lại", "mũi 3", "tiêm mũi 3", "tiêm nhắc"), "liều nhắc lại"),
    (("phong tỏa", "cách ly xã hội", "lockdown"), "giãn cách xã hội"),
    (("vùng không có dịch", "vùng an toàn dịch"), "vùng xanh"),
    (
        ("bệnh viện dã chiến", "khu điều trị covid", "cơ sở điều trị covid"),
        "Cơ sở thu dung, điều trị COVID-19",
    ),
    (
        ("sống chung với dịch", "sống chung với covid", "thích nghi với dịch"),
        "thích ứng an toàn, linh hoạt",
    ),
    (("biến thể mới", "biến thể omicron", "chủng mới"), "biến chủng mới"),
    (("vừa chống dịch vừa làm kinh tế", "vừa chống dịch vừa phát triển"), "nhiệm vụ kép"),
    # thiên tai
    (("ngập lụt", "lũ quét", "nước lũ", "lụt lội"), "lũ lụt"),
    (("lở đất", "sạt núi", "sụt lún"), "sạt lở đất"),
    (("bị sụt", "sụt giảm", "sụt", "đi xuống"), "giảm"),
    (("trời rét", "giá rét", "rét buốt", "sương muối", "băng giá", "rét cắt da"), "rét đậm"),
    (
        (
            "bão lũ",
            "thảm họa thiên nhiên",
            "thiệt hại do bão",
            "hạn hán",
            "lốc xoáy",
            "giông lốc",
            "mưa đá",
            "mưa lớn",
            "mưa to",
        ),
        "thiên tai",
    ),
]
# A negated phrase ("không nằm viện") also reads with "phải" or "cần" after its "không": "không
# phải nằm viện" is an outpatient, and, read whole, no hospital stay ("nằm viện") of its own.
_NEGATION = re.compile(r"(không|khong) ")
_MODAL = {"không": "(?:cần phải |phải |cần )?", "khong": "(?:can phai |phai |can )?"}


# Words people put inside a phrase without changing it: "tiền thu được từ du lịch", "giá trị
# hàng hóa xuất nhập khẩu", "số các vụ".
_FILLER = r"(?: (?:được|duoc|các|cac|những|nhung))?"
_GOODS = re.compile(r"\b(hàng|hang)\b")


def _pattern(phrase: str) -> re.Pattern[str]:
    """A phrase (lower case) matched as whole words, with the words people put inside it;
    "không X" also as "không phải/cần X"."""
    negation = _NEGATION.match(phrase)
    rest = phrase[negation.end() :] if negation else phrase
    words = [_GOODS.sub(r"\1(?: hóa| hoa)?", re.escape(w)) for w in rest.split()]
    body = f"{_FILLER} ".join(words)
    if negation is None:
        return re.compile(rf"\b{body}\b")
    return re.compile(rf"\b{negation.group(1)} {_MODAL[negation.group(1)]}{body}\b")


# Longest phrases first, so that a phrase inside a longer one matched is not read again. Each
# phrase is matched as spelled, or without diacritics where the question was typed so: "số đó"
# is not "sổ đỏ".
_INDEX = sorted(
    (
        (p, _pattern(p.lower()), _pattern(strip_diacritics(p).lower()), words)
        for phrases, words in _PAIRS
        for p in phrases
    ),
    key=lambda entry: -len(entry[0]),
)


def _clue(phrase: str) -> str:
    """A word every question holding the phrase holds, without diacritics: a quick test before
    the patterns (there are over a thousand phrases)."""
    bare = strip_diacritics(phrase).lower()
    negation = _NEGATION.match(bare)
    rest = bare[negation.end() :] if negation else bare
    return max(rest.split(), key=len)  # the words may stand apart: "thu được từ du lịch"


_CLUES = {phrase: _clue(phrase) for phrase, *_ in _INDEX}


def expand_wording(question: str, frequency: Callable[[str], int] | None = None) -> str:
    """The question with the report's words for its everyday wording appended; `frequency`
    (how many indexed passages hold a phrase) spares the phrases the reports use often."""
    found = list(dict.fromkeys(words for *_, words in _everyday(question, frequency)))
    return f"{question} ({'; '.join(found)})" if found else question


def reword(question: str, frequency: Callable[[str], int]) -> str:
    """The question as its sentences are scored: everyday wording no report uses replaced by
    the reports' words (left in, it weighs on every sentence and matches none), the
    wording some report does use kept, with the reports' words appended."""
    kept: list[str] = []
    text = question
    # From the end, so that the spans still ahead keep their places.
    for start, end, phrase, words in sorted(_everyday(question, frequency), reverse=True):
        if frequency(phrase) == 0:
            text = f"{text[:start]}{words}{text[end:]}"
        elif words not in kept:
            kept.append(words)
    return f"{text} ({'; '.join(reversed(kept))})" if kept else text


def _everyday(
    question: str, frequency: Callable[[str], int] | None
) -> list[tuple[int, int, str, str]]:
    """(start, end, phrase, the reports' words) for each everyday phrase of the question."""
    folded = strip_diacritics(question).lower()  # as long as the question (NFC)
    lowered = question.lower()
    found: list[tuple[int, int, str, str]] = []
    read: list[tuple[int, int]] = []  # the spans of the phrases read, whether appended or not
    for phrase, spelled, bare, words in _INDEX:
        if _CLUES[phrase] not in folded:
            continue
        match = spelled.search(lowered) or next(
            (m for m in bare.finditer(folded) if lowered[m.start() : m.end()].isascii()), None
        )
        if match is None:
            continue
        start, end = match.span()
        if any(s < end and start < e for s, e in read):
            continue  # "khoản vay" inside "khoản vay khó đòi" is not a loan of its own
        # Read even where nothing is appended (the question already has the reports' words,
        # or the phrase is their own wording): in "nợ xấu, khoản vay khó đòi", "khoản vay" is
        # still no loan of its own.
        read.append((start, end))
        if words.lower() in lowered:
            continue
        if frequency is not None and frequency(phrase) >= COMMON_PHRASE_PASSAGES:
            continue
        found.append((start, end, phrase, words))
    return sorted(found)
