/**
 * The demo session's three agenda documents: original Vietnamese text in the
 * shape of real HĐND papers (report, submission, draft resolution).
 */
export interface DemoDocument {
  fileName: string;
  /** Document type line, e.g. "BÁO CÁO". */
  kind: string;
  number: string;
  issuer: string[];
  subject: string;
  sections: { heading: string; paragraphs: string[] }[];
  closing: { signer: string; title: string };
}

export const PROVINCE = 'Quảng Ninh';
export const SIGNING_DATE = 'Quảng Ninh, ngày 20 tháng 11 năm 2026';

export const DEMO_DOCUMENTS: DemoDocument[] = [
  {
    fileName: 'bao-cao-kinh-te-xa-hoi-2026.pdf',
    kind: 'BÁO CÁO',
    number: 'Số: 215/BC-UBND',
    issuer: ['ỦY BAN NHÂN DÂN', 'TỈNH QUẢNG NINH'],
    subject: 'Tình hình thực hiện nhiệm vụ phát triển kinh tế – xã hội năm 2026 và phương hướng, nhiệm vụ năm 2027',
    sections: [
      {
        heading: 'I. ĐÁNH GIÁ CHUNG',
        paragraphs: [
          'Năm 2026, trong bối cảnh kinh tế thế giới còn nhiều biến động, giá nguyên liệu và chi phí vận tải tăng cao, tỉnh đã tập trung chỉ đạo quyết liệt, linh hoạt các nhiệm vụ, giải pháp theo Nghị quyết của Hội đồng nhân dân tỉnh. Nhờ sự vào cuộc đồng bộ của cả hệ thống chính trị và sự đồng thuận của Nhân dân, kinh tế của tỉnh tiếp tục tăng trưởng khá, các cân đối lớn được bảo đảm, đời sống người dân từng bước được nâng lên.',
          'Tổng sản phẩm trên địa bàn ước tăng 10,2% so với năm trước, vượt chỉ tiêu Nghị quyết đề ra. Cơ cấu kinh tế chuyển dịch đúng hướng, tỷ trọng dịch vụ và công nghiệp chế biến, chế tạo tiếp tục tăng; thu ngân sách nhà nước trên địa bàn ước đạt 104% dự toán; tổng vốn đầu tư toàn xã hội tăng 11,5%.',
        ],
      },
      {
        heading: 'II. KẾT QUẢ THỰC HIỆN CÁC LĨNH VỰC CHỦ YẾU',
        paragraphs: [
          '1. Về sản xuất công nghiệp và xây dựng. Chỉ số sản xuất công nghiệp ước tăng 9,8%. Các dự án trọng điểm tại khu công nghiệp Sông Khoai, Đông Mai và Cái Lân được đẩy nhanh tiến độ; một số nhà máy chế biến linh kiện điện tử đã đi vào vận hành, tạo thêm khoảng sáu nghìn việc làm cho lao động địa phương.',
          '2. Về nông nghiệp, lâm nghiệp và thủy sản. Giá trị sản xuất toàn ngành tăng 4,1%. Diện tích rừng trồng mới đạt 9.200 ha; tỷ lệ che phủ rừng duy trì ở mức 55%. Nuôi trồng thủy sản theo hướng công nghệ cao tại Vân Đồn và Tiên Yên tiếp tục được mở rộng, sản phẩm hàu, tu hài có thương hiệu được tiêu thụ ổn định.',
          '3. Về du lịch và dịch vụ. Tỉnh đón khoảng 19,5 triệu lượt khách, trong đó có 3,8 triệu lượt khách quốc tế. Tổng thu từ du lịch ước đạt 51 nghìn tỷ đồng. Các sản phẩm du lịch biển đảo, du lịch văn hóa – tâm linh tại Yên Tử được làm mới, thời gian lưu trú bình quân của du khách tăng lên 2,1 ngày.',
          '4. Về chuyển đổi số và cải cách hành chính. Toàn bộ thủ tục hành chính đủ điều kiện đã được cung cấp trực tuyến toàn trình; tỷ lệ hồ sơ giải quyết đúng hạn đạt 99,6%. Hệ thống họp không giấy và hội nghị truyền hình đã kết nối đến 100% xã, phường, giúp tiết kiệm đáng kể chi phí in ấn và đi lại.',
        ],
      },
      {
        heading: 'III. VĂN HÓA – XÃ HỘI',
        paragraphs: [
          'Chất lượng giáo dục toàn diện tiếp tục được nâng lên; tỷ lệ trường đạt chuẩn quốc gia đạt 84%. Công tác chăm sóc sức khỏe Nhân dân được quan tâm, trạm y tế các xã được đầu tư trang thiết bị và triển khai khám chữa bệnh từ xa. Các chính sách an sinh xã hội được thực hiện đầy đủ, kịp thời; tỷ lệ hộ nghèo theo chuẩn đa chiều giảm còn 0,2%.',
          'Đời sống văn hóa ở cơ sở ngày càng phong phú. Các lễ hội truyền thống được tổ chức trang trọng, tiết kiệm. Công tác bảo vệ và phát huy giá trị di sản được chú trọng, đặc biệt là hồ sơ di sản quần thể danh thắng Yên Tử, Vĩnh Nghiêm, Côn Sơn – Kiếp Bạc.',
        ],
      },
      {
        heading: 'IV. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN',
        paragraphs: [
          'Bên cạnh những kết quả đạt được, tiến độ giải ngân vốn đầu tư công ở một số dự án còn chậm; công tác giải phóng mặt bằng còn vướng mắc. Hạ tầng số ở một số xã vùng cao, biên giới, hải đảo chưa đồng bộ, đường truyền còn yếu vào giờ cao điểm. Nguồn nhân lực chất lượng cao cho các ngành công nghiệp mới còn thiếu.',
          'Nguyên nhân chủ yếu là do một số quy định pháp luật còn chồng chéo, việc phối hợp giữa các sở, ngành và địa phương có lúc chưa chặt chẽ; một bộ phận cán bộ còn ngại khó, chưa chủ động đề xuất giải pháp tháo gỡ.',
        ],
      },
      {
        heading: 'V. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2027',
        paragraphs: [
          'Năm 2027, tỉnh phấn đấu tốc độ tăng trưởng tổng sản phẩm trên địa bàn đạt từ 10% trở lên; thu ngân sách nhà nước tăng tối thiểu 5%; giải ngân 100% kế hoạch vốn đầu tư công được giao. Tập trung hoàn thiện thể chế, đẩy mạnh cải cách hành chính gắn với chuyển đổi số toàn diện ở cả hai cấp chính quyền.',
          'Ủy ban nhân dân tỉnh kính trình Hội đồng nhân dân tỉnh xem xét, cho ý kiến để tiếp tục chỉ đạo thực hiện thắng lợi các mục tiêu, nhiệm vụ phát triển kinh tế – xã hội năm 2027.',
        ],
      },
    ],
    closing: { signer: 'Nguyễn Văn An', title: 'TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH' },
  },
  {
    fileName: 'to-trinh-dau-tu-cong-2026-2030.pdf',
    kind: 'TỜ TRÌNH',
    number: 'Số: 118/TTr-UBND',
    issuer: ['ỦY BAN NHÂN DÂN', 'TỈNH QUẢNG NINH'],
    subject: 'Về việc điều chỉnh kế hoạch đầu tư công trung hạn giai đoạn 2026 – 2030 nguồn vốn ngân sách tỉnh',
    sections: [
      {
        heading: 'I. SỰ CẦN THIẾT',
        paragraphs: [
          'Căn cứ Luật Đầu tư công và các văn bản hướng dẫn thi hành, Hội đồng nhân dân tỉnh đã thông qua kế hoạch đầu tư công trung hạn giai đoạn 2026 – 2030. Qua hơn một năm triển khai, một số dự án đã hoàn thành với chi phí thấp hơn dự kiến, trong khi nhiều công trình cấp thiết về phòng, chống thiên tai, trường học và trạm y tế xã phát sinh nhu cầu vốn mới.',
          'Việc điều chỉnh kế hoạch nhằm bảo đảm sử dụng vốn hiệu quả, tập trung, không dàn trải; ưu tiên các dự án có khả năng hoàn thành sớm, mang lại lợi ích trực tiếp cho Nhân dân, nhất là ở các xã vùng đồng bào dân tộc thiểu số và miền núi.',
        ],
      },
      {
        heading: 'II. NỘI DUNG ĐIỀU CHỈNH',
        paragraphs: [
          '1. Giảm kế hoạch vốn của 12 dự án đã hoàn thành hoặc không còn nhu cầu, với tổng số vốn 1.245 tỷ đồng.',
          '2. Bổ sung kế hoạch vốn cho 27 dự án, trong đó: 9 dự án kè chống sạt lở bờ sông, bờ biển với 486 tỷ đồng; 11 dự án xây dựng, cải tạo trường học với 392 tỷ đồng; 7 dự án nâng cấp trạm y tế xã và hạ tầng số phục vụ chính quyền cấp xã với 367 tỷ đồng.',
          '3. Tổng mức kế hoạch đầu tư công trung hạn nguồn vốn ngân sách tỉnh sau điều chỉnh không thay đổi, bảo đảm cân đối và phù hợp khả năng huy động nguồn lực của địa phương.',
        ],
      },
      {
        heading: 'III. ĐÁNH GIÁ TÁC ĐỘNG',
        paragraphs: [
          'Việc điều chỉnh không làm tăng tổng mức đầu tư, không phát sinh nợ đọng xây dựng cơ bản. Các dự án được bổ sung vốn đều đã có chủ trương đầu tư được cấp có thẩm quyền phê duyệt, có khả năng giải ngân ngay trong năm 2027. Khi hoàn thành, các công trình sẽ bảo vệ an toàn cho khoảng 18 nghìn hộ dân vùng ven sông, ven biển và cải thiện điều kiện học tập cho hơn 9 nghìn học sinh.',
        ],
      },
      {
        heading: 'IV. KIẾN NGHỊ',
        paragraphs: [
          'Ủy ban nhân dân tỉnh kính trình Hội đồng nhân dân tỉnh xem xét, thông qua Nghị quyết điều chỉnh kế hoạch đầu tư công trung hạn giai đoạn 2026 – 2030 nguồn vốn ngân sách tỉnh theo nội dung nêu trên. Hồ sơ kèm theo gồm: dự thảo Nghị quyết, báo cáo thẩm tra của Ban Kinh tế – Ngân sách và danh mục chi tiết các dự án.',
          'Kính trình Hội đồng nhân dân tỉnh xem xét, quyết định.',
        ],
      },
    ],
    closing: { signer: 'Lê Thị Bích Ngọc', title: 'TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH' },
  },
  {
    fileName: 'du-thao-nghi-quyet-chuyen-doi-so-cap-xa.pdf',
    kind: 'NGHỊ QUYẾT',
    number: 'Số:      /2026/NQ-HĐND',
    issuer: ['HỘI ĐỒNG NHÂN DÂN', 'TỈNH QUẢNG NINH'],
    subject: 'Quy định chính sách hỗ trợ chuyển đổi số cho chính quyền cấp xã trên địa bàn tỉnh giai đoạn 2027 – 2030 (Dự thảo)',
    sections: [
      {
        heading: 'HỘI ĐỒNG NHÂN DÂN TỈNH QUẢNG NINH KHÓA XIV, KỲ HỌP THỨ 7',
        paragraphs: [
          'Căn cứ Luật Tổ chức chính quyền địa phương; Luật Ngân sách nhà nước; Luật Giao dịch điện tử; Xét Tờ trình của Ủy ban nhân dân tỉnh, Báo cáo thẩm tra của Ban Pháp chế Hội đồng nhân dân tỉnh và ý kiến thảo luận của đại biểu Hội đồng nhân dân tỉnh tại kỳ họp.',
        ],
      },
      {
        heading: 'QUYẾT NGHỊ:',
        paragraphs: [
          'Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng. Nghị quyết này quy định chính sách hỗ trợ chuyển đổi số cho Ủy ban nhân dân, Hội đồng nhân dân các xã, phường, đặc khu và cán bộ, công chức cấp xã trên địa bàn tỉnh trong giai đoạn từ năm 2027 đến hết năm 2030.',
          'Điều 2. Nội dung hỗ trợ. Hỗ trợ trang bị phòng họp trực tuyến cho mỗi xã tối đa 250 triệu đồng; hỗ trợ một lần thiết bị đọc tài liệu điện tử cho đại biểu Hội đồng nhân dân cấp xã tối đa 8 triệu đồng mỗi người; hỗ trợ chi phí đường truyền dữ liệu chuyên dùng tối đa 3 triệu đồng mỗi xã mỗi tháng; hỗ trợ đào tạo, bồi dưỡng kỹ năng số cho cán bộ, công chức cấp xã.',
          'Điều 3. Nguyên tắc hỗ trợ. Việc hỗ trợ bảo đảm công khai, minh bạch, đúng đối tượng; không hỗ trợ trùng lặp với các chương trình, dự án khác có cùng nội dung. Ưu tiên các xã khu vực miền núi, biên giới, hải đảo và các xã có điều kiện kinh tế – xã hội đặc biệt khó khăn.',
          'Điều 4. Kinh phí thực hiện. Kinh phí thực hiện Nghị quyết được bố trí từ ngân sách tỉnh trong dự toán chi thường xuyên hằng năm, tổng kinh phí dự kiến khoảng 96 tỷ đồng cho cả giai đoạn, và các nguồn huy động hợp pháp khác.',
          'Điều 5. Tổ chức thực hiện. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết; Thường trực Hội đồng nhân dân, các Ban, Tổ đại biểu và đại biểu Hội đồng nhân dân tỉnh giám sát việc thực hiện. Nghị quyết này có hiệu lực từ ngày 01 tháng 01 năm 2027.',
        ],
      },
    ],
    closing: { signer: 'Trần Quang Vinh', title: 'CHỦ TỊCH' },
  },
];
