<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi">
<context>
    <name>AcceptFindingDialog</name>
    <message>
        <source>Accept finding</source>
        <translation>Chấp nhận phát hiện</translation>
    </message>
    <message>
        <source>An accepted finding stays in the report, marked with your reason. It is kept with the project when you save, and can be undone.</source>
        <translation>Phát hiện được chấp nhận vẫn nằm trong báo cáo, kèm lý do của bạn. Việc chấp nhận được lưu cùng dự án khi lưu và có thể hoàn tác.</translation>
    </message>
    <message>
        <source>Why is this acceptable? e.g. the decision or document that allows it</source>
        <translation>Vì sao có thể chấp nhận? Ví dụ: quyết định hoặc văn bản cho phép</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Lý do:</translation>
    </message>
    <message>
        <source>Accepted by:</source>
        <translation>Người chấp nhận:</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Chấp nhận</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>&amp;New project</source>
        <translation>Dự án &amp;mới</translation>
    </message>
    <message>
        <source>&amp;Open project…</source>
        <translation>&amp;Mở dự án…</translation>
    </message>
    <message>
        <source>&amp;Save project</source>
        <translation>&amp;Lưu dự án</translation>
    </message>
    <message>
        <source>Save project &amp;as…</source>
        <translation>Lưu dự án &amp;thành…</translation>
    </message>
    <message>
        <source>Import &amp;vector layer…</source>
        <translation>Nhập lớp &amp;vector…</translation>
    </message>
    <message>
        <source>Import &amp;raster layer…</source>
        <translation>Nhập lớp &amp;raster…</translation>
    </message>
    <message>
        <source>&amp;Reviewer mode (read-only)</source>
        <translation>Chế độ &amp;thẩm tra (chỉ xem)</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>&amp;Cài đặt…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Thoát</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Hoàn tác</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Làm lại</translation>
    </message>
    <message>
        <source>&amp;Delete selected features</source>
        <translation>&amp;Xóa đối tượng đã chọn</translation>
    </message>
    <message>
        <source>C&amp;lear selection</source>
        <translation>&amp;Bỏ chọn</translation>
    </message>
    <message>
        <source>&amp;Pan</source>
        <translation>&amp;Di chuyển bản đồ</translation>
    </message>
    <message>
        <source>&amp;Zoom to box</source>
        <translation>&amp;Phóng to theo khung</translation>
    </message>
    <message>
        <source>&amp;Identify features</source>
        <translation>&amp;Xem thông tin đối tượng</translation>
    </message>
    <message>
        <source>&amp;Select (click or box)</source>
        <translation>&amp;Chọn (nhấp hoặc kéo khung)</translation>
    </message>
    <message>
        <source>Select by &amp;polygon</source>
        <translation>Chọn theo &amp;đa giác</translation>
    </message>
    <message>
        <source>&amp;Measure distance</source>
        <translation>Đo &amp;khoảng cách</translation>
    </message>
    <message>
        <source>Measure &amp;area</source>
        <translation>Đo &amp;diện tích</translation>
    </message>
    <message>
        <source>&amp;Add feature</source>
        <translation>&amp;Thêm đối tượng</translation>
    </message>
    <message>
        <source>&amp;Vertex tool (move, add, delete)</source>
        <translation>Sửa đỉnh (di chuyển, thêm, &amp;xóa)</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>&amp;Phóng to</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>&amp;Thu nhỏ</translation>
    </message>
    <message>
        <source>Zoom to &amp;full extent</source>
        <translation>Xem &amp;toàn bộ</translation>
    </message>
    <message>
        <source>Zoom to &amp;layer</source>
        <translation>Phóng tới &amp;lớp</translation>
    </message>
    <message>
        <source>Zoom to &amp;selection</source>
        <translation>Phóng tới đối tượng đã &amp;chọn</translation>
    </message>
    <message>
        <source>&amp;Refresh map</source>
        <translation>&amp;Vẽ lại bản đồ</translation>
    </message>
    <message>
        <source>&amp;3D view</source>
        <translation>Khung nhìn &amp;3D</translation>
    </message>
    <message>
        <source>Reset window &amp;layout</source>
        <translation>Đặt lại &amp;bố cục cửa sổ</translation>
    </message>
    <message>
        <source>Open &amp;attribute table</source>
        <translation>Mở &amp;bảng thuộc tính</translation>
    </message>
    <message>
        <source>Attribute &amp;form of the selected feature</source>
        <translation>&amp;Biểu mẫu thuộc tính của đối tượng đã chọn</translation>
    </message>
    <message>
        <source>Layer &amp;style and properties</source>
        <translation>&amp;Kiểu hiển thị và thuộc tính lớp</translation>
    </message>
    <message>
        <source>&amp;Remove layer</source>
        <translation>&amp;Gỡ lớp</translation>
    </message>
    <message>
        <source>&amp;About CIM Studio</source>
        <translation>&amp;Giới thiệu CIM Studio</translation>
    </message>
    <message>
        <source>Scale &amp;bar</source>
        <translation>&amp;Thước tỷ lệ</translation>
    </message>
    <message>
        <source>&amp;North arrow</source>
        <translation>&amp;Mũi tên chỉ hướng Bắc</translation>
    </message>
    <message>
        <source>Map l&amp;egend</source>
        <translation>&amp;Chú giải bản đồ</translation>
    </message>
    <message>
        <source>&amp;Data responsibility (metadata)…</source>
        <translation>&amp;Trách nhiệm dữ liệu (siêu dữ liệu)…</translation>
    </message>
    <message>
        <source>&amp;Print layout…</source>
        <translation>&amp;In bản vẽ…</translation>
    </message>
    <message>
        <source>Plan &amp;information…</source>
        <translation>&amp;Thông tin quy hoạch…</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>&amp;Hướng dẫn sử dụng</translation>
    </message>
    <message>
        <source>&amp;Fix geometry</source>
        <translation>&amp;Sửa hình học</translation>
    </message>
    <message>
        <source>Repair invalid geometries of the layer (or of its selected features); undoable</source>
        <translation>Sửa các hình học không hợp lệ của lớp (hoặc của các đối tượng đang chọn); có thể hoàn tác</translation>
    </message>
</context>
<context>
    <name>AttributeForm</name>
    <message>
        <source>Attributes of %1 #%2</source>
        <translation>Thuộc tính của %1 #%2</translation>
    </message>
    <message>
        <source>Edit %1 field(s) of #%2</source>
        <translation>Sửa %1 trường của #%2</translation>
    </message>
</context>
<context>
    <name>AttributeTable</name>
    <message>
        <source>yes</source>
        <translation>có</translation>
    </message>
    <message>
        <source>no</source>
        <translation>không</translation>
    </message>
    <message>
        <source>Attribute table</source>
        <translation>Bảng thuộc tính</translation>
    </message>
    <message>
        <source>Filter, e.g.  category == &apos;residential&apos; and far &gt; 2</source>
        <translation>Lọc, ví dụ:  category == &apos;residential&apos; and far &gt; 2</translation>
    </message>
    <message>
        <source>Selected only</source>
        <translation>Chỉ đối tượng đã chọn</translation>
    </message>
    <message>
        <source>Zoom to selection</source>
        <translation>Phóng tới đối tượng đã chọn</translation>
    </message>
    <message>
        <source>%1 of %2 features shown</source>
        <translation>Hiển thị %1 trên %2 đối tượng</translation>
    </message>
    <message>
        <source>filter error:</source>
        <translation>lỗi biểu thức lọc:</translation>
    </message>
    <message>
        <source> near character %1</source>
        <translation> gần ký tự thứ %1</translation>
    </message>
    <message>
        <source>the expression is not written correctly%1 — e.g. far &gt; 2 and category == &apos;residential&apos;</source>
        <translation>biểu thức viết chưa đúng%1 — ví dụ: far &gt; 2 and category == &apos;residential&apos;</translation>
    </message>
    <message>
        <source>there is no field %1 (fields: %2)</source>
        <translation>không có trường %1 (các trường: %2)</translation>
    </message>
    <message>
        <source>a field is compared with a value of another type (text in quotes, numbers without)</source>
        <translation>một trường được so sánh với giá trị khác kiểu (chữ đặt trong dấu nháy, số thì không)</translation>
    </message>
    <message>
        <source>the expression cannot be used on this layer</source>
        <translation>không dùng được biểu thức này cho lớp</translation>
    </message>
</context>
<context>
    <name>ChecksPanel</name>
    <message>
        <source>All severities</source>
        <translation>Mọi mức độ</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Lỗi</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Cảnh báo</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Thông tin</translation>
    </message>
    <message>
        <source>Search messages, objects…</source>
        <translation>Tìm theo nội dung, mã đối tượng…</translation>
    </message>
    <message>
        <source>Show accepted</source>
        <translation>Hiện mục đã chấp nhận</translation>
    </message>
    <message>
        <source>All systems</source>
        <translation>Mọi hệ thống</translation>
    </message>
    <message>
        <source>All rules</source>
        <translation>Mọi quy tắc</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Lỗi</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Cảnh báo</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Mức độ</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Quy tắc</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <source>Layer / objects</source>
        <translation>Lớp / đối tượng</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Hệ thống</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Tên quy tắc</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Đã chấp nhận</translation>
    </message>
    <message>
        <source>Accepted by %1 on %2: %3</source>
        <translation>%1 chấp nhận ngày %2: %3</translation>
    </message>
    <message>
        <source>%1 errors</source>
        <translation>%1 lỗi</translation>
    </message>
    <message>
        <source>%1 warnings</source>
        <translation>%1 cảnh báo</translation>
    </message>
    <message>
        <source>%1 info</source>
        <translation>%1 thông tin</translation>
    </message>
    <message>
        <source>%1 accepted</source>
        <translation>%1 đã chấp nhận</translation>
    </message>
    <message>
        <source>Showing %1 of %2 findings</source>
        <translation>Đang hiển thị %1 trên %2 phát hiện</translation>
    </message>
    <message>
        <source>Last run stored in the project (%1).</source>
        <translation>Lần kiểm tra gần nhất được lưu trong dự án (%1).</translation>
    </message>
    <message>
        <source>The data changed since this run: run the checks again.</source>
        <translation>Dữ liệu đã thay đổi sau lần kiểm tra này: hãy chạy kiểm tra lại.</translation>
    </message>
    <message>
        <source>Run checks</source>
        <translation>Chạy kiểm tra</translation>
    </message>
    <message>
        <source>Open report</source>
        <translation>Mở báo cáo</translation>
    </message>
    <message>
        <source>Write the HTML report of this run and open it in the browser</source>
        <translation>Lập báo cáo HTML của lần kiểm tra này và mở trong trình duyệt</translation>
    </message>
    <message>
        <source>Export PDF report</source>
        <translation>Xuất báo cáo PDF</translation>
    </message>
    <message>
        <source>Export JSON report</source>
        <translation>Xuất báo cáo JSON</translation>
    </message>
    <message>
        <source>Rule pack:</source>
        <translation>Bộ quy tắc:</translation>
    </message>
    <message>
        <source>Accept…</source>
        <translation>Chấp nhận…</translation>
    </message>
    <message>
        <source>Keep this finding with a reason (shown in the report)</source>
        <translation>Chấp nhận phát hiện này kèm lý do (ghi trong báo cáo)</translation>
    </message>
    <message>
        <source>Withdraw acceptance</source>
        <translation>Rút lại chấp nhận</translation>
    </message>
    <message>
        <source>Show on map</source>
        <translation>Xem trên bản đồ</translation>
    </message>
    <message>
        <source>Run rule checks</source>
        <translation>Chạy kiểm tra quy tắc</translation>
    </message>
    <message>
        <source>(no rule pack installed)</source>
        <translation>(chưa cài bộ quy tắc nào)</translation>
    </message>
    <message>
        <source>Checks finished: %1 errors, %2 warnings, %3 info</source>
        <translation>Kiểm tra xong: %1 lỗi, %2 cảnh báo, %3 thông tin</translation>
    </message>
    <message>
        <source>Checks canceled: nothing was changed</source>
        <translation>Đã hủy kiểm tra: dự án không thay đổi</translation>
    </message>
    <message>
        <source>Running the rule checks…</source>
        <translation>Đang chạy kiểm tra quy tắc…</translation>
    </message>
    <message>
        <source>Report written: %1</source>
        <translation>Đã lập báo cáo: %1</translation>
    </message>
    <message>
        <source>Writing the HTML report…</source>
        <translation>Đang lập báo cáo HTML…</translation>
    </message>
    <message>
        <source>Writing the PDF report…</source>
        <translation>Đang lập báo cáo PDF…</translation>
    </message>
    <message>
        <source>Writing the JSON report…</source>
        <translation>Đang lập báo cáo JSON…</translation>
    </message>
    <message>
        <source>No checks have been run on this project yet.
Choose a rule pack and press “Run checks”.</source>
        <translation>Dự án này chưa được kiểm tra lần nào.
Hãy chọn bộ quy tắc và bấm “Chạy kiểm tra”.</translation>
    </message>
    <message>
        <source>No findings: every rule of the pack passed.</source>
        <translation>Không có phát hiện nào: mọi quy tắc trong bộ đều đạt.</translation>
    </message>
    <message>
        <source>No finding matches the filters.</source>
        <translation>Không có phát hiện nào khớp với bộ lọc.</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>Add %1 feature(s) to %2</source>
        <translation>Thêm %1 đối tượng vào %2</translation>
    </message>
    <message>
        <source>Delete %1 feature(s) from %2</source>
        <translation>Xóa %1 đối tượng khỏi %2</translation>
    </message>
    <message>
        <source>Change geometry of %1 #%2</source>
        <translation>Sửa hình học %1 #%2</translation>
    </message>
    <message>
        <source>Edit %1 of %2 #%3</source>
        <translation>Sửa trường %1 của %2 #%3</translation>
    </message>
    <message>
        <source>Add layer %1</source>
        <translation>Thêm lớp %1</translation>
    </message>
    <message>
        <source>Add group %1</source>
        <translation>Thêm nhóm lớp %1</translation>
    </message>
    <message>
        <source>Remove layer %1</source>
        <translation>Xóa lớp %1</translation>
    </message>
    <message>
        <source>Rename layer %1 → %2</source>
        <translation>Đổi tên lớp %1 → %2</translation>
    </message>
    <message>
        <source>Show %1</source>
        <translation>Hiện %1</translation>
    </message>
    <message>
        <source>Hide %1</source>
        <translation>Ẩn %1</translation>
    </message>
    <message>
        <source>Style %1</source>
        <translation>Kiểu hiển thị %1</translation>
    </message>
    <message>
        <source>Set %1</source>
        <translation>Đặt %1</translation>
    </message>
    <message>
        <source>Accept %1 finding</source>
        <translation>Chấp nhận phát hiện %1</translation>
    </message>
    <message>
        <source>Withdraw acceptance of %1 finding</source>
        <translation>Rút lại chấp nhận phát hiện %1</translation>
    </message>
    <message>
        <source>Comment: %1</source>
        <translation>Góp ý: %1</translation>
    </message>
    <message>
        <source>Reply to %1</source>
        <translation>Trả lời góp ý %1</translation>
    </message>
    <message>
        <source>Mark %1 %2</source>
        <translation>Đánh dấu %1: %2</translation>
    </message>
    <message>
        <source>Import %1 comment thread(s)</source>
        <translation>Nhập %1 chuỗi góp ý</translation>
    </message>
    <message>
        <source>Role of %1: %2</source>
        <translation>Vai trò của %1: %2</translation>
    </message>
    <message>
        <source>Connect %1 to %2</source>
        <translation>Nối %1 vào %2</translation>
    </message>
    <message>
        <source>Build network %1</source>
        <translation>Dựng mạng %1</translation>
    </message>
    <message>
        <source>Save %1</source>
        <translation>Lưu %1</translation>
    </message>
    <message>
        <source>Split edge %1 of %2</source>
        <translation>Tách đoạn %1 của %2</translation>
    </message>
    <message>
        <source>Add edge to %1</source>
        <translation>Thêm đoạn tuyến vào %1</translation>
    </message>
    <message>
        <source>Merge edges at node %1 of %2</source>
        <translation>Gộp các đoạn tại nút %1 của %2</translation>
    </message>
    <message>
        <source>Move node %1 of %2</source>
        <translation>Di chuyển nút %1 của %2</translation>
    </message>
    <message>
        <source>Move edge %1 of %2</source>
        <translation>Di chuyển đoạn %1 của %2</translation>
    </message>
    <message>
        <source>Set %1 of %2 feature(s) in %3</source>
        <translation>Đặt %1 cho %2 đối tượng trong %3</translation>
    </message>
    <message>
        <source>Scenario rule: %1</source>
        <translation>Quy tắc kịch bản: %1</translation>
    </message>
    <message>
        <source>Add %1 catchments</source>
        <translation>Thêm các vùng ảnh hưởng %1</translation>
    </message>
    <message>
        <source>Import corridor %1</source>
        <translation>Nhập hành lang tuyến %1</translation>
    </message>
    <message>
        <source>Merge IFC buildings into %1</source>
        <translation>Ghép công trình IFC vào %1</translation>
    </message>
    <message>
        <source>Import CityJSON %1</source>
        <translation>Nhập CityJSON %1</translation>
    </message>
    <message>
        <source>Place IFC model %1</source>
        <translation>Định vị mô hình IFC %1</translation>
    </message>
    <message>
        <source>Import IFC %1</source>
        <translation>Nhập IFC %1</translation>
    </message>
    <message>
        <source>Set layer metadata of %1</source>
        <translation>Đặt siêu dữ liệu của lớp %1</translation>
    </message>
    <message>
        <source>Set plan metadata: %1</source>
        <translation>Cập nhật thông tin quy hoạch: %1</translation>
    </message>
    <message>
        <source>Fix geometry of %1 feature(s) in %2</source>
        <translation>Sửa hình học %1 đối tượng trong %2</translation>
    </message>
</context>
<context>
    <name>ConflictView</name>
    <message>
        <source>moved %1 m</source>
        <translation>dời %1 m</translation>
    </message>
    <message>
        <source>Conflicts: base / theirs / mine, on the map and by field</source>
        <translation>Xung đột: gốc / của họ / của tôi, trên bản đồ và theo từng trường</translation>
    </message>
    <message>
        <source>%1, moved %2 m</source>
        <translation>%1, dời %2 m</translation>
    </message>
    <message>
        <source>%1, reshaped</source>
        <translation>%1, đổi hình dạng</translation>
    </message>
    <message>
        <source>Base (when pulled)</source>
        <translation>Gốc (lúc lấy về)</translation>
    </message>
    <message>
        <source>Theirs (database)</source>
        <translation>Của họ (CSDL)</translation>
    </message>
    <message>
        <source>Mine (this copy)</source>
        <translation>Của tôi (bản này)</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Lớp</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Đối tượng</translation>
    </message>
    <message>
        <source>Theirs</source>
        <translation>Của họ</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Của tôi</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Các trường</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Trường</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>Gốc</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>Sau khi gộp</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>Giữ của tôi</translation>
    </message>
    <message>
        <source>Push my version over theirs</source>
        <translation>Đẩy phiên bản của tôi đè lên của họ</translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation>Lấy của họ</translation>
    </message>
    <message>
        <source>Drop my edit of this feature and take the database&apos;s</source>
        <translation>Bỏ sửa đổi của tôi cho đối tượng này và lấy bản trong CSDL</translation>
    </message>
    <message>
        <source>Merge attributes</source>
        <translation>Gộp thuộc tính</translation>
    </message>
    <message>
        <source>Theirs, with the fields I changed set to mine</source>
        <translation>Bản của họ, với các trường tôi đã sửa lấy theo của tôi</translation>
    </message>
    <message>
        <source>base</source>
        <translation>gốc</translation>
    </message>
    <message>
        <source>theirs</source>
        <translation>của họ</translation>
    </message>
    <message>
        <source>mine</source>
        <translation>của tôi</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>đã xóa</translation>
    </message>
    <message>
        <source>added</source>
        <translation>thêm mới</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>không đổi</translation>
    </message>
    <message>
        <source>%1 field(s) changed</source>
        <translation>đổi %1 trường</translation>
    </message>
    <message>
        <source>(deleted)</source>
        <translation>(đã xóa)</translation>
    </message>
</context>
<context>
    <name>ConsultationPanel</name>
    <message>
        <source>Export consultation map (HTML)…</source>
        <translation>Xuất bản đồ lấy ý kiến (HTML)…</translation>
    </message>
    <message>
        <source>Import citizens&apos; comments…</source>
        <translation>Nhập góp ý của người dân…</translation>
    </message>
    <message>
        <source>The map opens in any browser without internet; citizens send back the comments file it saves.</source>
        <translation>Bản đồ mở được bằng mọi trình duyệt, không cần mạng; người dân gửi lại tệp góp ý do bản đồ lưu ra.</translation>
    </message>
    <message>
        <source>Topic / area</source>
        <translation>Chủ đề / khu vực</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>Số góp ý</translation>
    </message>
    <message>
        <source>Consultation map</source>
        <translation>Bản đồ lấy ý kiến</translation>
    </message>
    <message>
        <source>Written: %1</source>
        <translation>Đã ghi: %1</translation>
    </message>
    <message>
        <source>Citizens&apos; comments</source>
        <translation>Góp ý của người dân</translation>
    </message>
    <message>
        <source>%1 comment(s) imported, %2 skipped (no consent or already imported).</source>
        <translation>Đã nhập %1 góp ý, bỏ qua %2 (không đồng ý hoặc đã nhập).</translation>
    </message>
</context>
<context>
    <name>CoreErrors</name>
    <message>
        <source>the raster is damaged or incomplete (%1)</source>
        <translation>tệp raster bị hỏng hoặc chưa đầy đủ (%1)</translation>
    </message>
    <message>
        <source>copy it again from its source, or check it in QGIS</source>
        <translation>hãy sao chép lại từ nguồn, hoặc kiểm tra trong QGIS</translation>
    </message>
    <message>
        <source>unknown text encoding %1</source>
        <translation>không biết bảng mã %1</translation>
    </message>
    <message>
        <source>use e.g. &apos;UTF-8&apos;, &apos;cp1258&apos; (Vietnamese Windows), &apos;tcvn3&apos; (ABC fonts)</source>
        <translation>hãy dùng ví dụ &apos;UTF-8&apos;, &apos;cp1258&apos; (Windows tiếng Việt), &apos;tcvn3&apos; (phông ABC)</translation>
    </message>
    <message>
        <source>copy it again from its source; the copy or download did not finish</source>
        <translation>hãy sao chép lại từ nguồn; lần sao chép hoặc tải về chưa xong</translation>
    </message>
    <message>
        <source>this is not a GeoPackage: the file is not an SQLite database</source>
        <translation>đây không phải GeoPackage: tệp không phải cơ sở dữ liệu SQLite</translation>
    </message>
    <message>
        <source>check that the file really is a .gpkg (it may be another format renamed)</source>
        <translation>hãy kiểm tra tệp có thật là .gpkg (có thể là định dạng khác bị đổi tên)</translation>
    </message>
    <message>
        <source>the GeoPackage is truncated (its header is incomplete)</source>
        <translation>tệp GeoPackage bị cắt cụt (phần đầu tệp không đầy đủ)</translation>
    </message>
    <message>
        <source>copy it again from its source or restore it from a backup</source>
        <translation>hãy sao chép lại từ nguồn hoặc khôi phục từ bản sao lưu</translation>
    </message>
    <message>
        <source>the GeoPackage is truncated: %1 of %2 bytes</source>
        <translation>tệp GeoPackage bị cắt cụt: %1 trên %2 byte</translation>
    </message>
    <message>
        <source>copy it again from its source or restore it from a backup; the copy or download did not finish</source>
        <translation>hãy sao chép lại từ nguồn hoặc khôi phục từ bản sao lưu; lần sao chép hoặc tải về chưa xong</translation>
    </message>
    <message>
        <source>the zip archive cannot be opened (%1)</source>
        <translation>không mở được tệp nén zip (%1)</translation>
    </message>
    <message>
        <source>copy it again; the archive is damaged or incomplete</source>
        <translation>hãy sao chép lại; tệp nén bị hỏng hoặc chưa đầy đủ</translation>
    </message>
    <message>
        <source>it contains %1; zip a .shp (with .shx, .dbf, .prj) or a .gpkg</source>
        <translation>tệp chứa %1; hãy nén một tệp .shp (kèm .shx, .dbf, .prj) hoặc một tệp .gpkg</translation>
    </message>
    <message>
        <source>the zip archive holds %1 datasets: %2</source>
        <translation>tệp nén chứa %1 bộ dữ liệu: %2</translation>
    </message>
    <message>
        <source>extract it and open the one you want, or zip each dataset on its own</source>
        <translation>hãy giải nén và mở bộ dữ liệu cần dùng, hoặc nén riêng từng bộ</translation>
    </message>
    <message>
        <source>the layer has no geometry (it is a plain table)</source>
        <translation>lớp không có hình học (chỉ là bảng thuộc tính)</translation>
    </message>
    <message>
        <source>choose a layer with points, lines or polygons</source>
        <translation>hãy chọn lớp có điểm, đường hoặc vùng</translation>
    </message>
    <message>
        <source>the text is not valid %1 (%2)</source>
        <translation>văn bản không đúng bảng mã %1 (%2)</translation>
    </message>
    <message>
        <source>pass the right encoding=, or fix the .cpg file</source>
        <translation>hãy chọn đúng bảng mã, hoặc sửa tệp .cpg</translation>
    </message>
    <message>
        <source>the dataset holds no layer</source>
        <translation>bộ dữ liệu không có lớp nào</translation>
    </message>
    <message>
        <source>check the file in QGIS</source>
        <translation>hãy kiểm tra tệp trong QGIS</translation>
    </message>
    <message>
        <source>the dataset holds %1 layers: %2</source>
        <translation>tập dữ liệu có %1 lớp: %2</translation>
    </message>
    <message>
        <source>there is no layer %1</source>
        <translation>không có lớp %1</translation>
    </message>
    <message>
        <source>the layers are: %1</source>
        <translation>các lớp là: %1</translation>
    </message>
    <message>
        <source>the file is damaged (%1)</source>
        <translation>tệp bị hỏng (%1)</translation>
    </message>
    <message>
        <source>GDAL cannot read it: %1</source>
        <translation>GDAL không đọc được tệp: %1</translation>
    </message>
    <message>
        <source>open it in QGIS to check it; it may be damaged or incomplete</source>
        <translation>hãy mở trong QGIS để kiểm tra; tệp có thể bị hỏng hoặc chưa đầy đủ</translation>
    </message>
    <message>
        <source>rasters are GeoTIFF (.tif); vector files are imported as vector layers</source>
        <translation>raster là tệp GeoTIFF (.tif); tệp vector được nhập thành lớp vector</translation>
    </message>
    <message>
        <source>the project file does not exist</source>
        <translation>tệp dự án không tồn tại</translation>
    </message>
    <message>
        <source>check the path</source>
        <translation>hãy kiểm tra đường dẫn</translation>
    </message>
    <message>
        <source>a layer name cannot be empty</source>
        <translation>tên lớp không được để trống</translation>
    </message>
</context>
<context>
    <name>CoreLog</name>
    <message>
        <source>%1: %2 line(s) from %3 feature(s)</source>
        <translation>%1: %2 tuyến từ %3 đối tượng</translation>
    </message>
    <message>
        <source>network %1: %2 nodes, %3 edges (from %4 cut edges)</source>
        <translation>mạng %1: %2 nút, %3 đoạn (từ %4 đoạn đã cắt)</translation>
    </message>
    <message>
        <source>%1 plot(s) in catchments have no FAR: left out of GFA</source>
        <translation>%1 lô đất trong vùng ảnh hưởng không có hệ số sử dụng đất: không tính vào tổng diện tích sàn (GFA)</translation>
    </message>
    <message>
        <source>the plot layer has no FAR field: GFA and FAR are not computed</source>
        <translation>lớp lô đất không có trường hệ số sử dụng đất: không tính GFA và FAR</translation>
    </message>
    <message>
        <source>%1: DXF keeps only geometry and %2; dropped %3</source>
        <translation>%1: DXF chỉ giữ hình học và %2; đã bỏ %3</translation>
    </message>
    <message>
        <source>%1: coordinates up to %2 m from the origin: map coordinates seem to be stored in the geometry (precision loss in float32 viewers)</source>
        <translation>%1: tọa độ cách gốc tới %2 m: có vẻ tọa độ bản đồ được lưu thẳng trong hình học (mất độ chính xác ở các trình xem float32)</translation>
    </message>
    <message>
        <source>check %1 failed: %2</source>
        <translation>kiểm tra %1 bị lỗi: %2</translation>
    </message>
    <message>
        <source>TOD section left out: %1</source>
        <translation>bỏ phần TOD: %1</translation>
    </message>
    <message>
        <source>TOD outputs left out of the package: %1</source>
        <translation>kết quả TOD không được đưa vào hồ sơ: %1</translation>
    </message>
    <message>
        <source>LoD2 of %1 skipped: %2</source>
        <translation>bỏ qua LoD2 của %1: %2</translation>
    </message>
    <message>
        <source>IFC model %1 named by layer %2 not found: it cannot travel with the package</source>
        <translation>không tìm thấy mô hình IFC %1 mà lớp %2 tham chiếu: không thể đưa vào hồ sơ</translation>
    </message>
    <message>
        <source>IFC source %1 of layer %2 not found: only its hash is packaged</source>
        <translation>không tìm thấy tệp IFC nguồn %1 của lớp %2: chỉ mã băm được đưa vào hồ sơ</translation>
    </message>
    <message>
        <source>%1: %2 invalid geometr(y/ies) kept and reported (first: %3 — %4)</source>
        <translation>%1: giữ lại và báo cáo %2 hình học không hợp lệ (đầu tiên: %3 — %4)</translation>
    </message>
</context>
<context>
    <name>DatabaseConnection</name>
    <message>
        <source>Connected: PostgreSQL %1, PostGIS %2</source>
        <translation>Đã kết nối: PostgreSQL %1, PostGIS %2</translation>
    </message>
    <message>
        <source>Connecting to the database…</source>
        <translation>Đang kết nối tới CSDL…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Đang kết nối…</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Cơ sở dữ liệu</translation>
    </message>
    <message>
        <source>Database connection</source>
        <translation>Kết nối CSDL</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Cổng</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Máy chủ</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Dịch vụ</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Kiểm tra kết nối</translation>
    </message>
    <message>
        <source>The password is read from ~/.pgpass; it is never saved in the project.</source>
        <translation>Mật khẩu được đọc từ ~/.pgpass; không bao giờ được lưu trong dự án.</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Người dùng</translation>
    </message>
    <message>
        <source>no CIM schema yet (cimstudio db init)</source>
        <translation>chưa có lược đồ CIM (cimstudio db init)</translation>
    </message>
    <message>
        <source>optional: a name from pg_service.conf</source>
        <translation>tùy chọn: một tên trong pg_service.conf</translation>
    </message>
</context>
<context>
    <name>DatabaseLayerState</name>
    <message>
        <source>Checked out from database %1 at revision r%2</source>
        <translation>Lấy từ CSDL %1 ở phiên bản r%2</translation>
    </message>
    <message>
        <source>Checked out from database %1</source>
        <translation>Lấy từ CSDL %1</translation>
    </message>
    <message>
        <source>%1 local edit(s); %2 changed in the database since</source>
        <translation>%1 sửa đổi cục bộ; %2 thay đổi trong CSDL từ lúc lấy về</translation>
    </message>
    <message>
        <source>Last push: revision r%1</source>
        <translation>Lần đẩy gần nhất: phiên bản r%1</translation>
    </message>
    <message>
        <source>In conflict: resolve it in the Shared database panel</source>
        <translation>Đang xung đột: hãy giải quyết trong bảng Cơ sở dữ liệu dùng chung</translation>
    </message>
    <message>
        <source>Read-only for your role</source>
        <translation>Chỉ đọc với vai trò của bạn</translation>
    </message>
</context>
<context>
    <name>DatabasePanel</name>
    <message>
        <source>Push canceled: nothing was written to the database</source>
        <translation>Đã hủy đẩy: không có gì được ghi vào CSDL</translation>
    </message>
    <message>
        <source>&amp;Database connection…</source>
        <translation>&amp;Kết nối CSDL…</translation>
    </message>
    <message>
        <source>Connect to the shared PostGIS database of the province</source>
        <translation>Kết nối tới cơ sở dữ liệu PostGIS dùng chung của tỉnh</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Kết nối</translation>
    </message>
    <message>
        <source>postgresql://user@host/dbname or a service name</source>
        <translation>postgresql://người_dùng@máy_chủ/tên_csdl hoặc tên dịch vụ</translation>
    </message>
    <message>
        <source>The password is read from ~/.pgpass; it is never saved in the project</source>
        <translation>Mật khẩu được đọc từ ~/.pgpass; không bao giờ lưu trong dự án</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Kiểm tra kết nối</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Chưa kết nối</translation>
    </message>
    <message>
        <source>Pull working copy…</source>
        <translation>Lấy bản làm việc…</translation>
    </message>
    <message>
        <source>Push edits</source>
        <translation>Đẩy chỉnh sửa</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Lịch sử</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Làm mới</translation>
    </message>
    <message>
        <source>Push the edits of this working copy</source>
        <translation>Đẩy các chỉnh sửa của bản làm việc này</translation>
    </message>
    <message>
        <source>Publish this project to the database</source>
        <translation>Xuất bản dự án này lên cơ sở dữ liệu</translation>
    </message>
    <message>
        <source>Connecting to the database…</source>
        <translation>Đang kết nối cơ sở dữ liệu…</translation>
    </message>
    <message>
        <source>Pull working copy</source>
        <translation>Lấy bản làm việc</translation>
    </message>
    <message>
        <source>CIM projects (*.cim.gpkg)</source>
        <translation>Dự án CIM (*.cim.gpkg)</translation>
    </message>
    <message>
        <source>Working copy %1 pulled</source>
        <translation>Đã lấy bản làm việc %1</translation>
    </message>
    <message>
        <source>Pulling from the database…</source>
        <translation>Đang lấy dữ liệu từ cơ sở dữ liệu…</translation>
    </message>
    <message>
        <source>Save the project before pushing it</source>
        <translation>Hãy lưu dự án trước khi đẩy lên</translation>
    </message>
    <message>
        <source>%1 conflict(s): nothing was pushed; resolve them below</source>
        <translation>%1 xung đột: chưa đẩy gì lên; hãy giải quyết ở bên dưới</translation>
    </message>
    <message>
        <source>Nothing to push</source>
        <translation>Không có gì để đẩy lên</translation>
    </message>
    <message>
        <source>Revision %1: %2 added, %3 changed, %4 deleted</source>
        <translation>Phiên bản %1: thêm %2, sửa %3, xóa %4</translation>
    </message>
    <message>
        <source>Pushing to the database…</source>
        <translation>Đang đẩy lên cơ sở dữ liệu…</translation>
    </message>
    <message>
        <source>%1 conflict(s) resolved; push again</source>
        <translation>Đã giải quyết %1 xung đột; hãy đẩy lại</translation>
    </message>
    <message>
        <source>Reading the history…</source>
        <translation>Đang đọc lịch sử…</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Phiên bản</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Người dùng</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Thêm</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Sửa</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Not overwritten (changed in the database since your pull): %1</source>
        <translation>Chưa ghi đè (đã bị sửa trong CSDL từ lúc bạn lấy về): %1</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <source>off</source>
        <translation>tắt</translation>
    </message>
    <message>
        <source>Language (after restart)</source>
        <translation>Ngôn ngữ (sau khi khởi động lại)</translation>
    </message>
    <message>
        <source>3D vertical exaggeration</source>
        <translation>Phóng đại chiều cao 3D</translation>
    </message>
    <message>
        <source>Autosave unsaved edits every</source>
        <translation>Tự động lưu thay đổi chưa lưu sau mỗi</translation>
    </message>
    <message>
        <source>The language changes the next time CIM Studio starts.</source>
        <translation>Ngôn ngữ sẽ thay đổi ở lần khởi động CIM Studio tiếp theo.</translation>
    </message>
    <message>
        <source>About CIM Studio</source>
        <translation>Giới thiệu CIM Studio</translation>
    </message>
    <message>
        <source>A desktop GIS and City Information Model editor for Vietnamese urban planning: GIS layers, BIM/IFC models and technical networks in one model, checked against Decree 269/2025/NĐ-CP.</source>
        <translation>Phần mềm GIS và biên tập mô hình thông tin đô thị (CIM) cho quy hoạch đô thị Việt Nam: lớp GIS, mô hình BIM/IFC và mạng hạ tầng kỹ thuật trong một mô hình, được kiểm tra theo Nghị định 269/2025/NĐ-CP.</translation>
    </message>
    <message>
        <source>Open formats: GeoPackage, GeoTIFF, IFC, CityJSON.</source>
        <translation>Định dạng mở: GeoPackage, GeoTIFF, IFC, CityJSON.</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Chung</translation>
    </message>
    <message>
        <source>Trusted signers</source>
        <translation>Người ký tin cậy</translation>
    </message>
</context>
<context>
    <name>FileOps</name>
    <message>
        <source>Open &amp;recent</source>
        <translation>Mở &amp;gần đây</translation>
    </message>
    <message>
        <source>(no recent projects)</source>
        <translation>(chưa có dự án gần đây)</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>Mở dự án</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>Đang mở %1…</translation>
    </message>
    <message>
        <source>Save project as</source>
        <translation>Lưu dự án thành</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Đã lưu %1</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>Đang lưu %1…</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Thay đổi chưa lưu</translation>
    </message>
    <message>
        <source>The project has unsaved changes. Save them?</source>
        <translation>Dự án có thay đổi chưa lưu. Lưu lại không?</translation>
    </message>
    <message>
        <source>Imported %1</source>
        <translation>Đã nhập %1</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>Đang nhập %1…</translation>
    </message>
</context>
<context>
    <name>FixGeometry</name>
    <message>
        <source>Fixed %1 geometr(y/ies): %2</source>
        <translation>Đã sửa %1 hình học: %2</translation>
    </message>
    <message>
        <source>%1 cannot be fixed (the geometry collapses to nothing): %2 — edit or delete them</source>
        <translation>%1 đối tượng không sửa được (hình học suy biến thành rỗng): %2 — hãy vẽ lại hoặc xoá chúng</translation>
    </message>
    <message>
        <source>No invalid geometry in %1</source>
        <translation>Không có hình học không hợp lệ trong %1</translation>
    </message>
</context>
<context>
    <name>GuideViewer</name>
    <message>
        <source>CIM Studio user guide</source>
        <translation>Hướng dẫn sử dụng CIM Studio</translation>
    </message>
    <message>
        <source>Open the file…</source>
        <translation>Mở tệp…</translation>
    </message>
</context>
<context>
    <name>IfcGeoref</name>
    <message>
        <source>Inspect file…</source>
        <translation>Xem tệp…</translation>
    </message>
    <message>
        <source>Read the georeferencing of an IFC file without importing it</source>
        <translation>Đọc thông tin định vị của tệp IFC mà không nhập vào dự án</translation>
    </message>
    <message>
        <source>Place the model by hand</source>
        <translation>Định vị mô hình thủ công</translation>
    </message>
    <message>
        <source>Direction of the model&apos;s x axis, anticlockwise from grid east</source>
        <translation>Hướng trục x của mô hình, ngược chiều kim đồng hồ tính từ hướng Đông lưới</translation>
    </message>
    <message>
        <source>Rotation</source>
        <translation>Góc xoay</translation>
    </message>
    <message>
        <source>Orthogonal height</source>
        <translation>Độ cao</translation>
    </message>
    <message>
        <source>Target CRS of the map conversion (VN-2000 TM-3 zone of the plan)</source>
        <translation>Hệ toạ độ đích của phép chuyển đổi (múi chiếu VN-2000 TM-3 của đồ án)</translation>
    </message>
    <message>
        <source>Target CRS</source>
        <translation>Hệ toạ độ đích</translation>
    </message>
    <message>
        <source>Place model…</source>
        <translation>Định vị mô hình…</translation>
    </message>
    <message>
        <source>Click on the map where the model origin goes</source>
        <translation>Nhấp trên bản đồ tại vị trí đặt gốc mô hình</translation>
    </message>
    <message>
        <source>Write corrected IFC…</source>
        <translation>Ghi tệp IFC đã hiệu chỉnh…</translation>
    </message>
    <message>
        <source>Write a new IFC file with this georeferencing (the source is never changed)</source>
        <translation>Ghi tệp IFC mới với thông tin định vị này (tệp gốc không bị thay đổi)</translation>
    </message>
    <message>
        <source>%1 (file, not imported)</source>
        <translation>%1 (tệp, chưa nhập)</translation>
    </message>
    <message>
        <source>No IFC model in this project yet. Use File ▸ Import IFC model… to add one, or “Inspect file…” to read the georeferencing of a file.</source>
        <translation>Dự án chưa có mô hình IFC. Dùng Tệp ▸ Nhập mô hình IFC… để thêm, hoặc “Xem tệp…” để đọc thông tin định vị của một tệp.</translation>
    </message>
    <message>
        <source>Inspect the georeferencing of an IFC file</source>
        <translation>Xem thông tin định vị của tệp IFC</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Đang đọc %1…</translation>
    </message>
    <message>
        <source>Click where the origin of the IFC model goes (Esc cancels)</source>
        <translation>Nhấp vào vị trí đặt gốc mô hình IFC (Esc để huỷ)</translation>
    </message>
    <message>
        <source>Model %1 placed at E %2, N %3 (%4)</source>
        <translation>Đã định vị mô hình %1 tại E %2, N %3 (%4)</translation>
    </message>
    <message>
        <source>“%1” is not a projected CRS with an EPSG code</source>
        <translation>“%1” không phải hệ toạ độ phẳng có mã EPSG</translation>
    </message>
    <message>
        <source>type the plan&apos;s VN-2000 TM-3 zone, e.g. EPSG:9208</source>
        <translation>nhập múi chiếu VN-2000 TM-3 của đồ án, ví dụ EPSG:9208</translation>
    </message>
    <message>
        <source>Write corrected IFC</source>
        <translation>Ghi tệp IFC đã hiệu chỉnh</translation>
    </message>
    <message>
        <source>Wrote the georeferenced model to %1</source>
        <translation>Đã ghi mô hình đã định vị vào %1</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>Đang ghi %1…</translation>
    </message>
    <message>
        <source>postal address of the site or building</source>
        <translation>địa chỉ bưu chính của khu đất hoặc công trình</translation>
    </message>
    <message>
        <source>latitude/longitude of the site</source>
        <translation>vĩ độ/kinh độ của khu đất</translation>
    </message>
    <message>
        <source>site placement offset from the origin</source>
        <translation>vị trí khu đất dịch khỏi gốc toạ độ</translation>
    </message>
    <message>
        <source>world coordinate system or true north in the model</source>
        <translation>hệ toạ độ gốc hoặc hướng bắc thực trong mô hình</translation>
    </message>
    <message>
        <source>map conversion with a projected CRS</source>
        <translation>phép chuyển đổi bản đồ với hệ toạ độ phẳng</translation>
    </message>
    <message>
        <source>metre</source>
        <translation>mét</translation>
    </message>
    <message>
        <source>millimetre</source>
        <translation>milimét</translation>
    </message>
    <message>
        <source>centimetre</source>
        <translation>xentimét</translation>
    </message>
    <message>
        <source>foot</source>
        <translation>foot (bộ Anh)</translation>
    </message>
    <message>
        <source>not given (metre assumed)</source>
        <translation>không khai báo (coi là mét)</translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 m</translation>
    </message>
    <message>
        <source>Map conversion (model → map)</source>
        <translation>Phép chuyển đổi (mô hình → bản đồ)</translation>
    </message>
    <message>
        <source>Found in</source>
        <translation>Lấy từ</translation>
    </message>
    <message>
        <source>Eastings (m)</source>
        <translation>Toạ độ Đông – E (m)</translation>
    </message>
    <message>
        <source>Northings (m)</source>
        <translation>Toạ độ Bắc – N (m)</translation>
    </message>
    <message>
        <source>Orthogonal height (m)</source>
        <translation>Độ cao (m)</translation>
    </message>
    <message>
        <source>X axis (abscissa, ordinate)</source>
        <translation>Trục X (hoành độ, tung độ)</translation>
    </message>
    <message>
        <source>Rotation from grid east</source>
        <translation>Góc xoay so với hướng Đông lưới</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>Tỷ lệ (Scale)</translation>
    </message>
    <message>
        <source>Model length unit</source>
        <translation>Đơn vị dài của mô hình</translation>
    </message>
    <message>
        <source>Model origin on the map</source>
        <translation>Gốc mô hình trên bản đồ</translation>
    </message>
    <message>
        <source>Level of georeferencing (LoGeoRef)</source>
        <translation>Mức định vị (LoGeoRef)</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Phát hiện</translation>
    </message>
    <message>
        <source>%1 (opened as %2)</source>
        <translation>%1 (mở dưới dạng %2)</translation>
    </message>
    <message>
        <source>New placement, not yet written: use “Write corrected IFC…”.</source>
        <translation>Vị trí mới chưa được ghi: dùng “Ghi tệp IFC đã hiệu chỉnh…”.</translation>
    </message>
    <message>
        <source>no georeferencing in the file</source>
        <translation>tệp không có thông tin định vị</translation>
    </message>
    <message>
        <source>placed by hand</source>
        <translation>định vị thủ công</translation>
    </message>
    <message>
        <source>none</source>
        <translation>không có</translation>
    </message>
    <message>
        <source>%1° anticlockwise</source>
        <translation>%1° ngược chiều kim đồng hồ</translation>
    </message>
    <message>
        <source>%1 (declared)</source>
        <translation>%1 (khai báo trong tệp)</translation>
    </message>
    <message>
        <source>%1 (empty in the file: derived from the units)</source>
        <translation>%1 (để trống trong tệp: suy ra từ đơn vị đo)</translation>
    </message>
    <message>
        <source>%1 (empty in the file: taken as 1)</source>
        <translation>%1 (để trống trong tệp: lấy bằng 1)</translation>
    </message>
    <message>
        <source>%1 (map unit: %2)</source>
        <translation>%1 (đơn vị bản đồ: %2)</translation>
    </message>
    <message>
        <source>LoGeoRef %1 of 50</source>
        <translation>LoGeoRef %1/50</translation>
    </message>
    <message>
        <source>Level 50 (a map conversion with a projected CRS) is needed to place the model on the plan without manual work.</source>
        <translation>Cần mức 50 (phép chuyển đổi với hệ toạ độ phẳng) để đặt mô hình lên quy hoạch mà không phải định vị thủ công.</translation>
    </message>
    <message>
        <source>No georeferencing problems found.</source>
        <translation>Không phát hiện vấn đề về định vị.</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Lỗi</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Cảnh báo</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
</context>
<context>
    <name>IfcImport</name>
    <message>
        <source>Import &amp;IFC model…</source>
        <translation>Nhập mô hình &amp;IFC…</translation>
    </message>
    <message>
        <source>Import BIM models (IFC2X3, IFC4, IFC4.3) as building layers</source>
        <translation>Nhập mô hình BIM (IFC2X3, IFC4, IFC4.3) thành lớp công trình</translation>
    </message>
    <message>
        <source>Import IFC model</source>
        <translation>Nhập mô hình IFC</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>Đang nhập %1…</translation>
    </message>
    <message>
        <source>The import of %1 was dropped: another project was opened meanwhile</source>
        <translation>Đã huỷ nhập %1: một dự án khác đã được mở trong lúc nhập</translation>
    </message>
    <message>
        <source>BIM models (IFC)</source>
        <translation>Mô hình BIM (IFC)</translation>
    </message>
    <message>
        <source>Imported %1: %2 building(s), %3 layer(s)</source>
        <translation>Đã nhập %1: %2 công trình, %3 lớp</translation>
    </message>
    <message>
        <source>%1 was not imported: it has no georeferencing and no place was given</source>
        <translation>Chưa nhập %1: mô hình chưa được định vị và chưa chọn vị trí đặt</translation>
    </message>
</context>
<context>
    <name>IfcMerge</name>
    <message>
        <source>offset (check georeferencing)</source>
        <translation>lệch vị trí (kiểm tra định vị)</translation>
    </message>
    <message>
        <source>footprint mismatch</source>
        <translation>footprint không khớp</translation>
    </message>
    <message>
        <source>height disagreement</source>
        <translation>chênh lệch chiều cao</translation>
    </message>
    <message>
        <source>several IFC on one footprint</source>
        <translation>nhiều mô hình IFC trên một footprint</translation>
    </message>
    <message>
        <source>IFC without footprint</source>
        <translation>IFC không có footprint</translation>
    </message>
    <message>
        <source>footprint without IFC</source>
        <translation>footprint không có IFC</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>Công trình</translation>
    </message>
    <message>
        <source>GIS footprint</source>
        <translation>Footprint GIS</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>Ghép nối</translation>
    </message>
    <message>
        <source>IoU</source>
        <translation>IoU</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>Xung đột</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <source>GIS building layer</source>
        <translation>Lớp công trình GIS</translation>
    </message>
    <message>
        <source>IFC models</source>
        <translation>Mô hình IFC</translation>
    </message>
    <message>
        <source>Smallest intersection-over-union for an IFC building to be linked</source>
        <translation>Tỷ lệ giao/hợp (IoU) nhỏ nhất để ghép một công trình IFC</translation>
    </message>
    <message>
        <source>Minimum IoU</source>
        <translation>IoU tối thiểu</translation>
    </message>
    <message>
        <source>Merge IFC buildings with footprints</source>
        <translation>Ghép công trình IFC với footprint</translation>
    </message>
    <message>
        <source>none yet: import IFC models first (File ▸ Import IFC model…)</source>
        <translation>chưa có: hãy nhập mô hình IFC trước (Tệp ▸ Nhập mô hình IFC…)</translation>
    </message>
    <message>
        <source>Merge: %1 IFC building(s) linked, %2 conflict(s)</source>
        <translation>Ghép: đã liên kết %1 công trình IFC, %2 xung đột</translation>
    </message>
    <message>
        <source>Links each IFC building to the GIS footprint it overlaps best and lists what disagrees. The merge is one step of Edit ▸ Undo.</source>
        <translation>Liên kết mỗi công trình IFC với footprint GIS trùng nhiều nhất và liệt kê các điểm không khớp. Thao tác ghép là một bước của Sửa ▸ Hoàn tác.</translation>
    </message>
    <message>
        <source>conflict</source>
        <translation>xung đột</translation>
    </message>
    <message>
        <source>linked</source>
        <translation>đã liên kết</translation>
    </message>
    <message>
        <source>%1 IFC building(s) linked, %2 conflict(s). Click a row to see it on the map.</source>
        <translation>Đã liên kết %1 công trình IFC, %2 xung đột. Nhấp vào một dòng để xem trên bản đồ.</translation>
    </message>
</context>
<context>
    <name>IfcPlace</name>
    <message>
        <source>Place IFC model</source>
        <translation>Đặt mô hình IFC</translation>
    </message>
    <message>
        <source>no CRS</source>
        <translation>chưa có hệ toạ độ</translation>
    </message>
    <message>
        <source>%1 has no georeferencing (no IfcMapConversion). Where does its origin go in the project CRS (%2)? Type the coordinates or pick the point on the map. Cancel imports nothing.</source>
        <translation>%1 chưa được định vị (không có IfcMapConversion). Gốc toạ độ của mô hình đặt ở đâu trong hệ toạ độ của dự án (%2)? Nhập toạ độ hoặc chọn điểm trên bản đồ. Huỷ thì không nhập gì.</translation>
    </message>
    <message>
        <source>Angle of the model&apos;s x axis, anticlockwise from grid east</source>
        <translation>Góc của trục x mô hình, ngược chiều kim đồng hồ tính từ hướng đông của lưới</translation>
    </message>
    <message>
        <source>Pick on map</source>
        <translation>Chọn trên bản đồ</translation>
    </message>
    <message>
        <source>Easting (E)</source>
        <translation>Toạ độ đông (E)</translation>
    </message>
    <message>
        <source>Northing (N)</source>
        <translation>Toạ độ bắc (N)</translation>
    </message>
    <message>
        <source>Rotation</source>
        <translation>Góc xoay</translation>
    </message>
    <message>
        <source>Import here</source>
        <translation>Nhập tại đây</translation>
    </message>
    <message>
        <source>Click where the origin of the IFC model goes (Esc cancels)</source>
        <translation>Nhấp vào vị trí đặt gốc mô hình IFC (Esc để huỷ)</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import vector layer</source>
        <translation>Nhập lớp vector</translation>
    </message>
    <message>
        <source>Import raster layer</source>
        <translation>Nhập lớp raster</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Chọn tệp…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Lớp</translation>
    </message>
    <message>
        <source>Declared CRS</source>
        <translation>Hệ tọa độ khai báo</translation>
    </message>
    <message>
        <source>CRS to use</source>
        <translation>Hệ tọa độ sử dụng</translation>
    </message>
    <message>
        <source>The file declares no coordinate reference system. Choose the one it was drawn in (for Phú Thọ usually VN-2000 / TM-3 104-45, EPSG:9208).</source>
        <translation>Tệp không khai báo hệ tọa độ. Hãy chọn hệ tọa độ dữ liệu đã được vẽ (ở Phú Thọ thường là VN-2000 / TM-3 104-45, EPSG:9208).</translation>
    </message>
</context>
<context>
    <name>LayerInfo</name>
    <message>
        <source>(not stated)</source>
        <translation>(chưa khai báo)</translation>
    </message>
    <message>
        <source>Continual</source>
        <translation>Liên tục</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>Hằng ngày</translation>
    </message>
    <message>
        <source>Weekly</source>
        <translation>Hằng tuần</translation>
    </message>
    <message>
        <source>Monthly</source>
        <translation>Hằng tháng</translation>
    </message>
    <message>
        <source>Quarterly</source>
        <translation>Hằng quý</translation>
    </message>
    <message>
        <source>Every six months</source>
        <translation>6 tháng một lần</translation>
    </message>
    <message>
        <source>Annually</source>
        <translation>Hằng năm</translation>
    </message>
    <message>
        <source>As needed</source>
        <translation>Khi cần</translation>
    </message>
    <message>
        <source>Irregular</source>
        <translation>Không định kỳ</translation>
    </message>
    <message>
        <source>Not planned</source>
        <translation>Không dự kiến cập nhật</translation>
    </message>
    <message>
        <source>Verified and accepted</source>
        <translation>Đã kiểm định, nghiệm thu</translation>
    </message>
    <message>
        <source>Checked internally</source>
        <translation>Đã kiểm tra nội bộ</translation>
    </message>
    <message>
        <source>Provisional, not checked</source>
        <translation>Tạm thời, chưa kiểm tra</translation>
    </message>
    <message>
        <source>Data responsibility: %1</source>
        <translation>Trách nhiệm dữ liệu: %1</translation>
    </message>
    <message>
        <source>e.g. Department of Construction</source>
        <translation>vd. Sở Xây dựng</translation>
    </message>
    <message>
        <source>Data provider</source>
        <translation>Đơn vị cung cấp dữ liệu</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Đầu mối liên hệ</translation>
    </message>
    <message>
        <source>Update cycle</source>
        <translation>Chu kỳ cập nhật</translation>
    </message>
    <message>
        <source>Source date</source>
        <translation>Ngày dữ liệu nguồn</translation>
    </message>
    <message>
        <source>Quality level</source>
        <translation>Mức chất lượng</translation>
    </message>
    <message>
        <source>Licence / use constraints</source>
        <translation>Giấy phép / điều kiện sử dụng</translation>
    </message>
    <message>
        <source>Who supplies this layer, how often it is updated and under which terms (ISO 19115; checked by rule META-02).</source>
        <translation>Ai cung cấp lớp này, cập nhật bao lâu một lần và theo điều kiện sử dụng nào (ISO 19115; kiểm tra bằng quy tắc META-02).</translation>
    </message>
    <message>
        <source>Read only: your role may not change layer metadata.</source>
        <translation>Chỉ xem: vai trò của bạn không được sửa siêu dữ liệu của lớp.</translation>
    </message>
    <message>
        <source>Missing: %1</source>
        <translation>Còn thiếu: %1</translation>
    </message>
    <message>
        <source>Out of date on the plan&apos;s decision date %1.</source>
        <translation>Đã quá hạn cập nhật tính đến ngày quyết định của đồ án %1.</translation>
    </message>
    <message>
        <source>Complete.</source>
        <translation>Đầy đủ.</translation>
    </message>
</context>
<context>
    <name>LayerTree</name>
    <message>
        <source>features</source>
        <translation>đối tượng</translation>
    </message>
    <message>
        <source>Table: %1</source>
        <translation>Bảng: %1</translation>
    </message>
    <message>
        <source>Results drawn by a panel: not a layer, not saved. Right-click to clear them.</source>
        <translation>Kết quả do một bảng công cụ vẽ: không phải lớp dữ liệu, không được lưu. Bấm chuột phải để xoá.</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Lớp dữ liệu</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Đổi tên…</translation>
    </message>
    <message>
        <source>Zoom to results</source>
        <translation>Phóng tới kết quả</translation>
    </message>
    <message>
        <source>Hide results</source>
        <translation>Ẩn kết quả</translation>
    </message>
    <message>
        <source>Show results</source>
        <translation>Hiện kết quả</translation>
    </message>
    <message>
        <source>Clear results</source>
        <translation>Xoá kết quả</translation>
    </message>
    <message>
        <source>Temporary results</source>
        <translation>Kết quả tạm thời</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>2D map</source>
        <translation>Bản đồ 2D</translation>
    </message>
    <message>
        <source>CIM Studio</source>
        <translation>CIM Studio</translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation>&amp;Hoàn tác %1</translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation>&amp;Làm lại %1</translation>
    </message>
    <message>
        <source>Untitled project</source>
        <translation>Dự án chưa đặt tên</translation>
    </message>
    <message>
        <source>Reviewer (read-only)</source>
        <translation>Người thẩm tra (chỉ xem)</translation>
    </message>
    <message>
        <source>Delete %1 feature(s)</source>
        <translation>Xóa %1 đối tượng</translation>
    </message>
    <message>
        <source>Reviewer mode: editing is disabled</source>
        <translation>Chế độ thẩm tra: không cho phép chỉnh sửa</translation>
    </message>
    <message>
        <source>This project is open for review only: the role cannot be changed here</source>
        <translation>Dự án này chỉ được mở để thẩm tra: không thể đổi vai trò tại đây</translation>
    </message>
    <message>
        <source>Editing enabled</source>
        <translation>Đã bật chỉnh sửa</translation>
    </message>
    <message>
        <source>3D view</source>
        <translation>Khung nhìn 3D</translation>
    </message>
</context>
<context>
    <name>MapDecorations</name>
    <message>
        <source>N</source>
        <translation>B</translation>
    </message>
    <message>
        <source>%1 more…</source>
        <translation>còn %1 mục…</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>Chú giải</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Chỉnh sửa</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <source>&amp;Layer</source>
        <translation>&amp;Lớp</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Công cụ</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Trợ giúp</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Dự án</translation>
    </message>
    <message>
        <source>Editing</source>
        <translation>Chỉnh sửa</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Bản đồ</translation>
    </message>
    <message>
        <source>&amp;Project</source>
        <translation>&amp;Dự án</translation>
    </message>
</context>
<context>
    <name>MetadataDialog</name>
    <message>
        <source>Plan information</source>
        <translation>Thông tin quy hoạch</translation>
    </message>
    <message>
        <source>e.g. 2026-01-15 or 15/01/2026</source>
        <translation>ví dụ 2026-01-15 hoặc 15/01/2026</translation>
    </message>
    <message>
        <source>e.g. 2000 for 1/2 000</source>
        <translation>ví dụ 2000 cho tỷ lệ 1/2 000</translation>
    </message>
    <message>
        <source>Reviewer mode: the plan information is read-only.</source>
        <translation>Chế độ thẩm định: thông tin quy hoạch chỉ được xem, không được sửa.</translation>
    </message>
    <message>
        <source>Missing for META-01: %1</source>
        <translation>Còn thiếu theo META-01: %1</translation>
    </message>
    <message>
        <source>All META-01 fields are filled in.</source>
        <translation>Đã điền đủ các trường theo META-01.</translation>
    </message>
    <message>
        <source>Write the scale denominator as a whole number, e.g. 2000 for 1/2 000.</source>
        <translation>Hãy ghi mẫu số tỷ lệ là một số nguyên, ví dụ 2000 cho tỷ lệ 1/2 000.</translation>
    </message>
    <message>
        <source>Write a date, e.g. 2026-01-15 or 15/01/2026.</source>
        <translation>Hãy ghi một ngày, ví dụ 2026-01-15 hoặc 15/01/2026.</translation>
    </message>
    <message>
        <source>Write the name of a Vietnamese province, e.g. Phú Thọ.</source>
        <translation>Hãy ghi tên một tỉnh/thành phố của Việt Nam, ví dụ Phú Thọ.</translation>
    </message>
    <message>
        <source>“%1” is not a valid value for %2.</source>
        <translation>“%1” không phải giá trị hợp lệ cho trường %2.</translation>
    </message>
    <message>
        <source>The change was refused (see the message).</source>
        <translation>Thay đổi bị từ chối (xem thông báo).</translation>
    </message>
</context>
<context>
    <name>NetworkPanel</name>
    <message>
        <source>On foot</source>
        <translation>Đi bộ</translation>
    </message>
    <message>
        <source>Bicycle</source>
        <translation>Xe đạp</translation>
    </message>
    <message>
        <source>Car</source>
        <translation>Ô tô</translation>
    </message>
    <message>
        <source>Bus</source>
        <translation>Xe buýt</translation>
    </message>
    <message>
        <source>Any line (no travel rules)</source>
        <translation>Mọi tuyến (không xét luật đi lại)</translation>
    </message>
    <message>
        <source>Shortest (metres)</source>
        <translation>Ngắn nhất (mét)</translation>
    </message>
    <message>
        <source>Fastest (travel time)</source>
        <translation>Nhanh nhất (thời gian di chuyển)</translation>
    </message>
    <message>
        <source>Travel mode</source>
        <translation>Phương thức di chuyển</translation>
    </message>
    <message>
        <source>Route by</source>
        <translation>Tìm đường theo</translation>
    </message>
    <message>
        <source>Pick start and end on the map…</source>
        <translation>Chọn điểm đầu và điểm cuối trên bản đồ…</translation>
    </message>
    <message>
        <source>Click the button, then click the start and the end of the route on the map. Each point snaps to the nearest node of the network.</source>
        <translation>Bấm nút này, rồi bấm điểm đầu và điểm cuối của tuyến đường trên bản đồ. Mỗi điểm được bắt vào nút mạng gần nhất.</translation>
    </message>
    <message>
        <source>Build a network first.</source>
        <translation>Hãy dựng mạng trước.</translation>
    </message>
    <message>
        <source>Click the start of the route (Esc cancels)</source>
        <translation>Bấm chọn điểm đầu của tuyến đường (Esc để hủy)</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Điểm đầu</translation>
    </message>
    <message>
        <source>Click the end of the route (Esc cancels)</source>
        <translation>Bấm chọn điểm cuối của tuyến đường (Esc để hủy)</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Điểm cuối</translation>
    </message>
    <message>
        <source>Finding the route…</source>
        <translation>Đang tìm đường…</translation>
    </message>
    <message>
        <source>Route: %1 m along %2 line segment(s).</source>
        <translation>Tuyến đường: %1 m qua %2 đoạn tuyến.</translation>
    </message>
    <message>
        <source>Travel time about %1 min.</source>
        <translation>Thời gian di chuyển khoảng %1 phút.</translation>
    </message>
    <message>
        <source>No route: the two points are not connected in this network (they lie in separate parts, or one-way streets forbid it for this travel mode).</source>
        <translation>Không có đường đi: hai điểm không được nối với nhau trong mạng này (chúng nằm ở các phần mạng tách rời, hoặc đường một chiều không cho phép với phương thức di chuyển này).</translation>
    </message>
    <message>
        <source>Canceled.</source>
        <translation>Đã hủy.</translation>
    </message>
    <message>
        <source>Distance along the network</source>
        <translation>Khoảng cách theo mạng</translation>
    </message>
    <message>
        <source>Pick the starting point on the map…</source>
        <translation>Chọn điểm xuất phát trên bản đồ…</translation>
    </message>
    <message>
        <source>The walkshed is the area reachable along the network within the distance (e.g. 400 m or 800 m around a station): the reached lines buffered by 25 m.</source>
        <translation>Vùng đi bộ là khu vực tới được theo mạng trong phạm vi khoảng cách (ví dụ 400 m hoặc 800 m quanh nhà ga): các tuyến tới được, mở rộng vùng đệm 25 m.</translation>
    </message>
    <message>
        <source>Click the starting point of the walkshed (Esc cancels)</source>
        <translation>Bấm chọn điểm xuất phát của vùng đi bộ (Esc để hủy)</translation>
    </message>
    <message>
        <source>Computing the walkshed…</source>
        <translation>Đang tính vùng đi bộ…</translation>
    </message>
    <message>
        <source>Within %1 m: %2 m of network reached, %3 ha (%4 % of the %1 m circle), %5 nodes.</source>
        <translation>Trong phạm vi %1 m: tới được %2 m tuyến mạng, %3 ha (bằng %4 % hình tròn bán kính %1 m), %5 nút.</translation>
    </message>
    <message>
        <source>Line layer to build the network from, or a network already built and saved in the project</source>
        <translation>Lớp tuyến dùng để dựng mạng, hoặc mạng đã dựng và lưu trong dự án</translation>
    </message>
    <message>
        <source>Snapping tolerance: line ends closer than this are joined into one node</source>
        <translation>Dung sai bắt điểm: các đầu tuyến gần nhau hơn khoảng này được nối thành một nút</translation>
    </message>
    <message>
        <source>Skip empty features</source>
        <translation>Bỏ qua đối tượng rỗng</translation>
    </message>
    <message>
        <source>Leave out features without geometry instead of stopping (each one is listed in the log)</source>
        <translation>Bỏ qua các đối tượng không có hình học thay vì dừng lại (từng đối tượng được ghi trong nhật ký)</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Lớp</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Hệ thống</translation>
    </message>
    <message>
        <source>Snapping</source>
        <translation>Bắt điểm</translation>
    </message>
    <message>
        <source>Build</source>
        <translation>Dựng mạng</translation>
    </message>
    <message>
        <source>Save as project layers</source>
        <translation>Lưu thành lớp dự án</translation>
    </message>
    <message>
        <source>Add the built network to the project as two layers (lines and nodes); undoable</source>
        <translation>Thêm mạng đã dựng vào dự án thành hai lớp (tuyến và nút); có thể hoàn tác</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Mạng lưới</translation>
    </message>
    <message>
        <source>Validate</source>
        <translation>Kiểm tra</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>Tìm đường</translation>
    </message>
    <message>
        <source>Walkshed</source>
        <translation>Vùng đi bộ</translation>
    </message>
    <message>
        <source>Style networks by system</source>
        <translation>Tô màu mạng theo hệ thống</translation>
    </message>
    <message>
        <source>Colour every network layer by its system attribute (water, drainage, power, lighting, telecom …); undoable</source>
        <translation>Tô màu mọi lớp mạng lưới theo thuộc tính hệ thống (cấp nước, thoát nước, cấp điện, chiếu sáng, viễn thông …); có thể hoàn tác</translation>
    </message>
    <message>
        <source>Clear results</source>
        <translation>Xóa kết quả</translation>
    </message>
    <message>
        <source>(built network)</source>
        <translation>(mạng đã dựng)</translation>
    </message>
    <message>
        <source>Building the network…</source>
        <translation>Đang dựng mạng…</translation>
    </message>
    <message>
        <source>Network saved as layers %1 and %1_nodes</source>
        <translation>Đã lưu mạng thành các lớp %1 và %1_nodes</translation>
    </message>
    <message>
        <source>%1 network layer(s) styled by system</source>
        <translation>Đã tô màu %1 lớp mạng lưới theo hệ thống</translation>
    </message>
    <message>
        <source>No network layer with a system attribute to style</source>
        <translation>Không có lớp mạng lưới nào có thuộc tính hệ thống để tô màu</translation>
    </message>
    <message>
        <source>The project has no line layer to build a network from. Import roads or pipe/cable lines first.</source>
        <translation>Dự án chưa có lớp tuyến nào để dựng mạng. Hãy nhập lớp đường giao thông hoặc tuyến ống, tuyến cáp trước.</translation>
    </message>
    <message>
        <source>Choose a line layer and its system, then press Build.</source>
        <translation>Chọn lớp tuyến và hệ thống của nó, rồi bấm Dựng mạng.</translation>
    </message>
    <message>
        <source>%1: network built from %2 with %3 nodes and %4 line segments.</source>
        <translation>%1: mạng dựng từ lớp %2 gồm %3 nút và %4 đoạn tuyến.</translation>
    </message>
    <message>
        <source>The layer has changed since the build: build again.</source>
        <translation>Lớp đã thay đổi sau khi dựng: hãy dựng lại.</translation>
    </message>
    <message>
        <source>Water supply</source>
        <translation>Cấp nước</translation>
    </message>
    <message>
        <source>Storm drainage</source>
        <translation>Thoát nước mưa</translation>
    </message>
    <message>
        <source>Sewerage</source>
        <translation>Thoát nước thải</translation>
    </message>
    <message>
        <source>Power supply</source>
        <translation>Cấp điện</translation>
    </message>
    <message>
        <source>Street lighting</source>
        <translation>Chiếu sáng đô thị</translation>
    </message>
    <message>
        <source>Telecommunications</source>
        <translation>Thông tin liên lạc</translation>
    </message>
    <message>
        <source>Streets</source>
        <translation>Giao thông</translation>
    </message>
    <message>
        <source>Gas supply</source>
        <translation>Cấp khí đốt</translation>
    </message>
    <message>
        <source>District heating</source>
        <translation>Cấp nhiệt</translation>
    </message>
    <message>
        <source>Terrain (DEM)</source>
        <translation>Địa hình (DEM)</translation>
    </message>
    <message>
        <source>Buildings</source>
        <translation>Công trình</translation>
    </message>
    <message>
        <source>Smart elements</source>
        <translation>Phần tử thông minh</translation>
    </message>
    <message>
        <source>Plan boundary</source>
        <translation>Ranh giới quy hoạch</translation>
    </message>
    <message>
        <source>Layer the validation reads (the terrain is read for drainage only); choose “(not used)” to skip the checks that need it</source>
        <translation>Lớp dùng khi kiểm tra (địa hình chỉ dùng cho thoát nước); chọn “(không dùng)” để bỏ qua các kiểm tra cần lớp này</translation>
    </message>
    <message>
        <source>Check the built network&apos;s topology (INF-05): dangling ends, disconnected parts, duplicates, uphill drains, pipes through buildings, smart elements off their network</source>
        <translation>Kiểm tra quan hệ kết nối của mạng đã dựng (INF-05): điểm treo, phần mạng tách rời, tuyến trùng, cống dốc ngược, tuyến xuyên qua công trình, phần tử thông minh nằm ngoài mạng</translation>
    </message>
    <message>
        <source>Build a network, then validate it to list its findings here.</source>
        <translation>Dựng mạng rồi kiểm tra để liệt kê các phát hiện tại đây.</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Mức độ</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Location (X; Y)</source>
        <translation>Vị trí (X; Y)</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <source>(not used)</source>
        <translation>(không dùng)</translation>
    </message>
    <message>
        <source>Validating the network…</source>
        <translation>Đang kiểm tra mạng…</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Lỗi</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Cảnh báo</translation>
    </message>
    <message>
        <source>%1 error(s), %2 warning(s). Click a finding to show it on the map.</source>
        <translation>%1 lỗi, %2 cảnh báo. Bấm vào một phát hiện để xem trên bản đồ.</translation>
    </message>
    <message>
        <source>No finding: the network is connected and clean.</source>
        <translation>Không có phát hiện nào: mạng liên thông và hợp lệ.</translation>
    </message>
    <message>
        <source>Network validated: %1 finding(s)</source>
        <translation>Đã kiểm tra mạng: %1 phát hiện</translation>
    </message>
    <message>
        <source>Warning: the point is %1 m from the nearest node open to this travel mode (more than %2 m); the walkshed starts at that node.</source>
        <translation>Cảnh báo: điểm đã chọn cách nút gần nhất cho phép phương thức đi lại này %1 m (quá %2 m); vùng đi bộ được tính từ nút đó.</translation>
    </message>
    <message>
        <source>no geometry</source>
        <translation>không có hình học</translation>
    </message>
    <message>
        <source>empty geometry</source>
        <translation>hình học rỗng</translation>
    </message>
    <message>
        <source>empty part</source>
        <translation>phần rỗng</translation>
    </message>
    <message>
        <source>Left out %1: %2</source>
        <translation>Bỏ qua %1: %2</translation>
    </message>
</context>
<context>
    <name>OpinionPanel</name>
    <message>
        <source>Draft from package…</source>
        <translation>Lập dự thảo từ hồ sơ…</translation>
    </message>
    <message>
        <source>Open opinion…</source>
        <translation>Mở văn bản…</translation>
    </message>
    <message>
        <source>Save opinion…</source>
        <translation>Lưu văn bản…</translation>
    </message>
    <message>
        <source>Export DOCX + PDF (signed)…</source>
        <translation>Xuất DOCX + PDF (ký số)…</translation>
    </message>
    <message>
        <source>Number / symbol</source>
        <translation>Số, ký hiệu</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Người ký</translation>
    </message>
    <message>
        <source>Title of the signer</source>
        <translation>Chức danh người ký</translation>
    </message>
    <message>
        <source>Choose a verified appraisal package to draft the opinion.</source>
        <translation>Chọn hồ sơ thẩm định đã xác thực để lập dự thảo ý kiến thẩm định.</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>TT</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Quy tắc</translation>
    </message>
    <message>
        <source>Sev.</source>
        <translation>Mức</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Quyết định</translation>
    </message>
    <message>
        <source>Appraiser&apos;s reason</source>
        <translation>Lý do của người thẩm định</translation>
    </message>
    <message>
        <source>Re-draft recommendations and conclusion</source>
        <translation>Soạn lại kiến nghị và kết luận</translation>
    </message>
    <message>
        <source>Findings (accept: must be corrected; reject: set aside, with a reason)</source>
        <translation>Các tồn tại (chấp nhận: phải chỉnh sửa; bác bỏ: không yêu cầu, kèm lý do)</translation>
    </message>
    <message>
        <source>Recommendations (one per line)</source>
        <translation>Kiến nghị (mỗi dòng một nội dung)</translation>
    </message>
    <message>
        <source>Conclusion</source>
        <translation>Kết luận</translation>
    </message>
    <message>
        <source>%1 – integration %2 (%3); package %4 verified.</source>
        <translation>%1 – mức độ lồng ghép %2 (%3); hồ sơ %4 đã xác thực.</translation>
    </message>
    <message>
        <source>Accepted – to correct</source>
        <translation>Chấp nhận – phải chỉnh sửa</translation>
    </message>
    <message>
        <source>Rejected – set aside</source>
        <translation>Bác bỏ – không yêu cầu</translation>
    </message>
    <message>
        <source>Finding %1 (%2): write the reason for setting it aside.</source>
        <translation>Nội dung %1 (%2): hãy ghi lý do bác bỏ.</translation>
    </message>
    <message>
        <source>Appraisal package</source>
        <translation>Hồ sơ thẩm định</translation>
    </message>
    <message>
        <source>Drafted from %1: %2 finding(s).</source>
        <translation>Đã lập dự thảo từ %1: %2 nội dung.</translation>
    </message>
    <message>
        <source>Verifying the package…</source>
        <translation>Đang xác thực hồ sơ…</translation>
    </message>
    <message>
        <source>Open opinion</source>
        <translation>Mở văn bản thẩm định</translation>
    </message>
    <message>
        <source>Save opinion</source>
        <translation>Lưu văn bản thẩm định</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Đã lưu %1</translation>
    </message>
    <message>
        <source>Export opinion</source>
        <translation>Xuất văn bản thẩm định</translation>
    </message>
    <message>
        <source>the appraiser&apos;s digital signature certificate (.p12/.pfx)</source>
        <translation>chứng thư chữ ký số của người thẩm định (.p12/.pfx)</translation>
    </message>
    <message>
        <source>Certificate file</source>
        <translation>Tệp chứng thư số</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <source>PKCS#12 certificate (*.p12 *.pfx)</source>
        <translation>Chứng thư PKCS#12 (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>trusted signer</source>
        <translation>người ký tin cậy</translation>
    </message>
    <message>
        <source>signer not in your trust store</source>
        <translation>người ký chưa có trong kho tin cậy</translation>
    </message>
    <message>
        <source>signature NOT valid</source>
        <translation>chữ ký số KHÔNG hợp lệ</translation>
    </message>
    <message>
        <source>Exported and signed: %1 — signed by %2 (%3)</source>
        <translation>Đã xuất và ký số: %1 — người ký %2 (%3)</translation>
    </message>
</context>
<context>
    <name>PackageWizard</name>
    <message>
        <source>What goes into the package</source>
        <translation>Nội dung hồ sơ thẩm định</translation>
    </message>
    <message>
        <source>The package holds the saved project file and is signed with your key. The appraisal council re-runs the checks to confirm the verdict.</source>
        <translation>Hồ sơ gồm tệp dự án đã lưu và được ký bằng khóa của bạn. Hội đồng thẩm định chạy lại các bước kiểm tra để xác nhận kết luận.</translation>
    </message>
    <message>
        <source>Save the project now</source>
        <translation>Lưu dự án ngay</translation>
    </message>
    <message>
        <source>Run the rule checks and include the results</source>
        <translation>Chạy kiểm tra quy tắc và đưa kết quả vào hồ sơ</translation>
    </message>
    <message>
        <source>Include the HTML and PDF reports</source>
        <translation>Kèm báo cáo HTML và PDF</translation>
    </message>
    <message>
        <source>Include a CityJSON export of the 3D city model</source>
        <translation>Kèm mô hình đô thị 3D xuất ra CityJSON</translation>
    </message>
    <message>
        <source>Include the IFC models (otherwise only their hashes)</source>
        <translation>Kèm các mô hình IFC (nếu không, chỉ ghi mã băm)</translation>
    </message>
    <message>
        <source>Include the TOD study (when the project has stations)</source>
        <translation>Kèm kết quả phân tích TOD (khi dự án có nhà ga)</translation>
    </message>
    <message>
        <source>Rule pack:</source>
        <translation>Bộ quy tắc:</translation>
    </message>
    <message>
        <source>Signed by (user):</source>
        <translation>Người ký (tài khoản):</translation>
    </message>
    <message>
        <source>The project has never been saved. Save it first: the package is built from the file.</source>
        <translation>Dự án chưa được lưu lần nào. Hãy lưu trước: hồ sơ được đóng gói từ tệp đã lưu.</translation>
    </message>
    <message>
        <source>The project has unsaved edits. They are not in the package unless you save first.</source>
        <translation>Dự án có thay đổi chưa lưu. Các thay đổi này sẽ không có trong hồ sơ nếu bạn không lưu trước.</translation>
    </message>
    <message>
        <source>Project file: %1</source>
        <translation>Tệp dự án: %1</translation>
    </message>
    <message>
        <source>Where to write the package</source>
        <translation>Nơi lưu hồ sơ</translation>
    </message>
    <message>
        <source>A single .cimpkg file to hand to the appraisal council.</source>
        <translation>Một tệp .cimpkg duy nhất để nộp hội đồng thẩm định.</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Chọn…</translation>
    </message>
    <message>
        <source>Package file:</source>
        <translation>Tệp hồ sơ:</translation>
    </message>
    <message>
        <source>Save appraisal package</source>
        <translation>Lưu hồ sơ thẩm định</translation>
    </message>
    <message>
        <source>The file exists and will be replaced.</source>
        <translation>Tệp đã tồn tại và sẽ bị ghi đè.</translation>
    </message>
    <message>
        <source>The folder does not exist.</source>
        <translation>Thư mục không tồn tại.</translation>
    </message>
    <message>
        <source>Building the package</source>
        <translation>Đang đóng gói hồ sơ</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Packaging %1 into %2…</source>
        <translation>Đang đóng gói %1 vào %2…</translation>
    </message>
    <message>
        <source>Done. Press Next for the summary.</source>
        <translation>Hoàn tất. Bấm Tiếp để xem tóm tắt.</translation>
    </message>
    <message>
        <source>Canceled: no package was written.</source>
        <translation>Đã hủy: không có hồ sơ nào được ghi.</translation>
    </message>
    <message>
        <source>Package ready</source>
        <translation>Hồ sơ đã sẵn sàng</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>Files inside</source>
        <translation>Số tệp bên trong</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Dung lượng</translation>
    </message>
    <message>
        <source>Manifest SHA-256</source>
        <translation>Mã SHA-256 của tệp kê khai</translation>
    </message>
    <message>
        <source>Signer key</source>
        <translation>Khóa người ký</translation>
    </message>
    <message>
        <source>Check verdict</source>
        <translation>Kết luận kiểm tra</translation>
    </message>
    <message>
        <source>(no checks included)</source>
        <translation>(không kèm kết quả kiểm tra)</translation>
    </message>
    <message>
        <source>Give the appraisers the signer key fingerprint through another channel so they can trust the signature.</source>
        <translation>Hãy gửi dấu vân tay khóa của người ký cho cơ quan thẩm định qua một kênh khác để họ tin cậy chữ ký số.</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Xác thực</translation>
    </message>
    <message>
        <source>Export appraisal package</source>
        <translation>Xuất hồ sơ thẩm định</translation>
    </message>
    <message>
        <source>Build package</source>
        <translation>Đóng gói hồ sơ</translation>
    </message>
    <message>
        <source>optional: a digital signature certificate (.p12/.pfx)</source>
        <translation>không bắt buộc: chứng thư chữ ký số (.p12/.pfx)</translation>
    </message>
    <message>
        <source>Certificate file:</source>
        <translation>Tệp chứng thư số:</translation>
    </message>
    <message>
        <source>Passphrase:</source>
        <translation>Mật khẩu:</translation>
    </message>
    <message>
        <source>The package is signed with this certificate; the passphrase opens the file.</source>
        <translation>Hồ sơ được ký bằng chứng thư số này; mật khẩu dùng để mở tệp.</translation>
    </message>
    <message>
        <source>%1 has no signing key yet: a new key is created now, protected by this passphrase. Give its fingerprint to the appraisal office.</source>
        <translation>%1 chưa có khóa ký: một khóa mới sẽ được tạo ngay, được bảo vệ bằng mật khẩu này. Hãy gửi dấu vân tay của khóa cho cơ quan thẩm định.</translation>
    </message>
    <message>
        <source>The passphrase unlocks your signing key.</source>
        <translation>Mật khẩu dùng để mở khóa ký của bạn.</translation>
    </message>
    <message>
        <source>Digital signature certificate</source>
        <translation>Chứng thư chữ ký số</translation>
    </message>
    <message>
        <source>PKCS#12 certificate (*.p12 *.pfx)</source>
        <translation>Chứng thư PKCS#12 (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>error</source>
        <translation>lỗi</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>cảnh báo</translation>
    </message>
    <message>
        <source>info</source>
        <translation>thông tin</translation>
    </message>
</context>
<context>
    <name>Panels</name>
    <message>
        <source>Log</source>
        <translation>Nhật ký</translation>
    </message>
    <message>
        <source>error</source>
        <translation>lỗi</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>cảnh báo</translation>
    </message>
    <message>
        <source>info</source>
        <translation>thông tin</translation>
    </message>
    <message>
        <source>Undo history</source>
        <translation>Lịch sử thao tác</translation>
    </message>
    <message>
        <source>&lt;project opened&gt;</source>
        <translation>&lt;mở dự án&gt;</translation>
    </message>
    <message>
        <source>Identify results</source>
        <translation>Thông tin đối tượng</translation>
    </message>
    <message>
        <source>Feature / field</source>
        <translation>Đối tượng / trường</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Giá trị</translation>
    </message>
    <message>
        <source>Nothing here</source>
        <translation>Không có đối tượng nào ở đây</translation>
    </message>
</context>
<context>
    <name>PrintDialog</name>
    <message>
        <source>Print layout</source>
        <translation>In bản vẽ</translation>
    </message>
    <message>
        <source>Landscape</source>
        <translation>Khổ ngang</translation>
    </message>
    <message>
        <source>Portrait</source>
        <translation>Khổ dọc</translation>
    </message>
    <message>
        <source>Fit the layers</source>
        <translation>Vừa các lớp</translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation>Tùy chọn…</translation>
    </message>
    <message>
        <source>Centre on the current map view</source>
        <translation>Lấy tâm theo khung nhìn bản đồ hiện tại</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>Khổ giấy</translation>
    </message>
    <message>
        <source>Orientation</source>
        <translation>Hướng giấy</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>Tỷ lệ</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Độ phân giải</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Định dạng</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Xuất…</translation>
    </message>
    <message>
        <source>Drawing the preview…</source>
        <translation>Đang vẽ bản xem trước…</translation>
    </message>
    <message>
        <source>%1 %2 at %3</source>
        <translation>%1 %2, tỷ lệ %3</translation>
    </message>
    <message>
        <source>PDF sheet (*.pdf)</source>
        <translation>Bản vẽ PDF (*.pdf)</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>Ảnh PNG (*.png)</translation>
    </message>
    <message>
        <source>Export the sheet</source>
        <translation>Xuất bản vẽ</translation>
    </message>
    <message>
        <source>Sheet written to %1</source>
        <translation>Đã ghi bản vẽ vào %1</translation>
    </message>
    <message>
        <source>Printing the sheet</source>
        <translation>Đang in bản vẽ</translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <source>Add plans…</source>
        <translation>Thêm đồ án…</translation>
    </message>
    <message>
        <source>Add the open project</source>
        <translation>Thêm dự án đang mở</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Bỏ</translation>
    </message>
    <message>
        <source>2026-Q1 (quarter), 2026-03 (month), 2026-H1 (six months), 2026 (year)</source>
        <translation>2026-Q1 (quý), 2026-03 (tháng), 2026-H1 (6 tháng), 2026 (năm)</translation>
    </message>
    <message>
        <source>(none: first report)</source>
        <translation>(không có: báo cáo đầu tiên)</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Kỳ báo cáo</translation>
    </message>
    <message>
        <source>Last report (JSON)</source>
        <translation>Báo cáo kỳ trước (JSON)</translation>
    </message>
    <message>
        <source>Build report</source>
        <translation>Lập báo cáo</translation>
    </message>
    <message>
        <source>Write HTML, PDF, XLSX…</source>
        <translation>Ghi HTML, PDF, XLSX…</translation>
    </message>
    <message>
        <source>Commune</source>
        <translation>Xã/phường</translation>
    </message>
    <message>
        <source>Built / planned</source>
        <translation>Đã xây dựng / quy hoạch</translation>
    </message>
    <message>
        <source>Integration</source>
        <translation>Mức độ lồng ghép</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Thay đổi</translation>
    </message>
    <message>
        <source>Open findings E/W</source>
        <translation>Tồn tại E/W</translation>
    </message>
    <message>
        <source>Plans of the communes (project files or appraisal packages)</source>
        <translation>Đồ án của các xã, phường (tệp dự án hoặc hồ sơ thẩm định)</translation>
    </message>
    <message>
        <source>Plans</source>
        <translation>Đồ án</translation>
    </message>
    <message>
        <source>Save the project first: the report reads saved files.</source>
        <translation>Hãy lưu dự án trước: báo cáo đọc các tệp đã lưu.</translation>
    </message>
    <message>
        <source>Last report</source>
        <translation>Báo cáo kỳ trước</translation>
    </message>
    <message>
        <source>Add at least one plan.</source>
        <translation>Hãy thêm ít nhất một đồ án.</translation>
    </message>
    <message>
        <source>Building the progress report…</source>
        <translation>Đang lập báo cáo định kỳ…</translation>
    </message>
    <message>
        <source>%1 – %2: %3 plan(s); due at the Department of Construction on %4.</source>
        <translation>%1 – %2: %3 đồ án; hạn gửi Sở Xây dựng ngày %4.</translation>
    </message>
    <message>
        <source>Folder for the report</source>
        <translation>Thư mục lưu báo cáo</translation>
    </message>
    <message>
        <source>Report written: %1</source>
        <translation>Đã ghi báo cáo: %1</translation>
    </message>
</context>
<context>
    <name>QColorDialog</name>
    <message>
        <source>Select Color</source>
        <translation>Chọn màu</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>Đồng ý</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Không lưu</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Có</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Không</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Áp dụng</translation>
    </message>
</context>
<context>
    <name>QWizard</name>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Quay lại</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Tiếp &gt;</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;Tiếp</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Hoàn tất</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Trợ giúp</translation>
    </message>
    <message>
        <source>Go Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Tiếp tục</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>Xác nhận</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Xong</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Trợ giúp</translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <source>Unsaved edits could not be autosaved: %1</source>
        <translation>Không tự động lưu được các thay đổi chưa lưu: %1</translation>
    </message>
    <message>
        <source>Unsaved edits of %1 were discarded</source>
        <translation>Đã hủy các thay đổi chưa lưu của %1</translation>
    </message>
    <message>
        <source>Unsaved edits of %1 are kept for later. Autosave is paused for this project until they are recovered or discarded (reopen the project to decide).</source>
        <translation>Các thay đổi chưa lưu của %1 được giữ lại để xử lý sau. Tự động lưu tạm dừng với dự án này cho đến khi các thay đổi đó được khôi phục hoặc hủy (mở lại dự án để quyết định).</translation>
    </message>
    <message>
        <source>Recover unsaved edits?</source>
        <translation>Khôi phục các thay đổi chưa lưu?</translation>
    </message>
    <message>
        <source>Recover</source>
        <translation>Khôi phục</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Hủy bỏ</translation>
    </message>
    <message>
        <source>Keep for later</source>
        <translation>Để sau</translation>
    </message>
    <message>
        <source>CIM Studio closed before %1 unsaved edit(s) of %2 were saved (last autosave %3). Recover them? The recovered project is not saved until you save it.</source>
        <translation>CIM Studio đã đóng khi %1 thay đổi của %2 chưa được lưu (lần tự động lưu cuối: %3). Khôi phục các thay đổi này? Dự án khôi phục chỉ được ghi vào tệp khi bạn lưu.</translation>
    </message>
    <message>
        <source>Warning: the project file was changed after these edits were recorded. Recovering replaces the file&apos;s current state with the recovered one.</source>
        <translation>Cảnh báo: tệp dự án đã bị thay đổi sau khi các thay đổi này được ghi lại. Khôi phục sẽ thay trạng thái hiện tại của tệp bằng trạng thái được khôi phục.</translation>
    </message>
    <message>
        <source>Recovered %1 unsaved edit(s) of %2. Save the project to keep them.</source>
        <translation>Đã khôi phục %1 thay đổi chưa lưu của %2. Hãy lưu dự án để giữ lại.</translation>
    </message>
    <message>
        <source>Recovering unsaved edits of %1…</source>
        <translation>Đang khôi phục các thay đổi chưa lưu của %1…</translation>
    </message>
</context>
<context>
    <name>ReviewPackage</name>
    <message>
        <source>Open package for review</source>
        <translation>Mở hồ sơ để thẩm tra</translation>
    </message>
    <message>
        <source>%1 did not verify: it was not opened</source>
        <translation>%1 không vượt qua xác thực: hồ sơ không được mở</translation>
    </message>
    <message>
        <source>Opened %1 for review (read-only) from %2</source>
        <translation>Đã mở %1 để thẩm tra (chỉ xem) tại %2</translation>
    </message>
    <message>
        <source>Verifying %1…</source>
        <translation>Đang xác thực %1…</translation>
    </message>
    <message>
        <source>Package verification</source>
        <translation>Xác thực hồ sơ thẩm định</translation>
    </message>
    <message>
        <source>It was not opened.</source>
        <translation>Hồ sơ không được mở.</translation>
    </message>
    <message>
        <source>Manifest SHA-256: %1</source>
        <translation>Mã SHA-256 của tệp kê khai: %1</translation>
    </message>
    <message>
        <source>Extracted to %1</source>
        <translation>Đã giải nén vào %1</translation>
    </message>
    <message>
        <source>%1 is signed by an unknown signer: it was not opened</source>
        <translation>%1 được ký bởi người ký chưa được tin cậy: hồ sơ không được mở</translation>
    </message>
    <message>
        <source>Signed by: %1</source>
        <translation>Người ký: %1</translation>
    </message>
    <message>
        <source>Certificate serial %1, issued by %2</source>
        <translation>Số hiệu chứng thư %1, do %2 cấp</translation>
    </message>
    <message>
        <source>Fingerprint: %1</source>
        <translation>Dấu vân tay: %1</translation>
    </message>
    <message>
        <source>Trusted signer (in your trust store)</source>
        <translation>Người ký tin cậy (có trong kho tin cậy của bạn)</translation>
    </message>
    <message>
        <source>UNKNOWN SIGNER: not in your trust store</source>
        <translation>NGƯỜI KÝ CHƯA ĐƯỢC TIN CẬY: không có trong kho tin cậy của bạn</translation>
    </message>
    <message>
        <source>Invalid signature or certificate</source>
        <translation>Chữ ký hoặc chứng thư số không hợp lệ</translation>
    </message>
    <message>
        <source>Trust this signer…</source>
        <translation>Tin cậy người ký này…</translation>
    </message>
    <message>
        <source>Signer %1 added to your trust store</source>
        <translation>Đã thêm người ký %1 vào kho tin cậy</translation>
    </message>
    <message>
        <source>Trust this signer?</source>
        <translation>Tin cậy người ký này?</translation>
    </message>
    <message>
        <source>Compare this fingerprint with the one the signer gave you (by phone or in a letter). Trust the signer only if every group matches.</source>
        <translation>Hãy so dấu vân tay này với dấu vân tay người ký đã cung cấp (qua điện thoại hoặc công văn). Chỉ tin cậy khi mọi nhóm ký tự đều khớp.</translation>
    </message>
    <message>
        <source>Trust this signer</source>
        <translation>Tin cậy người ký này</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <source>Point %1, %2</source>
        <translation>Điểm %1, %2</translation>
    </message>
    <message>
        <source>IFC element %1</source>
        <translation>Cấu kiện IFC %1</translation>
    </message>
    <message>
        <source>Check %1</source>
        <translation>Quy tắc kiểm tra %1</translation>
    </message>
    <message>
        <source>Whole project</source>
        <translation>Toàn bộ đồ án</translation>
    </message>
    <message>
        <source>Export comments as BCF</source>
        <translation>Xuất góp ý ra tệp BCF</translation>
    </message>
    <message>
        <source>%1 comment(s) exported to %2</source>
        <translation>Đã xuất %1 góp ý ra %2</translation>
    </message>
    <message>
        <source>Import BCF comments</source>
        <translation>Nhập góp ý từ tệp BCF</translation>
    </message>
    <message>
        <source>%1 comment thread(s) imported from %2</source>
        <translation>Đã nhập %1 chuỗi góp ý từ %2</translation>
    </message>
    <message>
        <source>New comment</source>
        <translation>Góp ý mới</translation>
    </message>
    <message>
        <source>In a few words: what should change?</source>
        <translation>Tóm tắt: cần điều chỉnh nội dung gì?</translation>
    </message>
    <message>
        <source>Details, the regulation concerned, what you propose…</source>
        <translation>Chi tiết, quy định liên quan, đề xuất điều chỉnh…</translation>
    </message>
    <message>
        <source>About:</source>
        <translation>Về:</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Tiêu đề:</translation>
    </message>
    <message>
        <source>Comment:</source>
        <translation>Nội dung góp ý:</translation>
    </message>
    <message>
        <source>Add comment</source>
        <translation>Thêm góp ý</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Góp ý</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>New comment…</source>
        <translation>Góp ý mới…</translation>
    </message>
    <message>
        <source>At a point…</source>
        <translation>Tại một điểm…</translation>
    </message>
    <message>
        <source>Click a place on the map to comment on it</source>
        <translation>Bấm vào một vị trí trên bản đồ để góp ý về vị trí đó</translation>
    </message>
    <message>
        <source>Import BCF…</source>
        <translation>Nhập BCF…</translation>
    </message>
    <message>
        <source>Export BCF…</source>
        <translation>Xuất BCF…</translation>
    </message>
    <message>
        <source>Search title, text, author…</source>
        <translation>Tìm theo tiêu đề, nội dung, người góp ý…</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Mọi trạng thái</translation>
    </message>
    <message>
        <source>Write a reply…</source>
        <translation>Viết trả lời…</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Trả lời</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Đánh dấu đã giải quyết</translation>
    </message>
    <message>
        <source>All authors</source>
        <translation>Mọi người góp ý</translation>
    </message>
    <message>
        <source>Reviewer mode: the plan is read-only; you can comment, reply and resolve.</source>
        <translation>Chế độ thẩm tra: đồ án chỉ được xem; bạn có thể góp ý, trả lời và đánh dấu đã giải quyết.</translation>
    </message>
    <message>
        <source>No comments yet. Select a feature on the map and press “New comment…”, or comment on a place with “At a point…”.</source>
        <translation>Chưa có góp ý. Chọn một đối tượng trên bản đồ rồi bấm “Góp ý mới…”, hoặc góp ý về một vị trí bằng “Tại một điểm…”.</translation>
    </message>
    <message>
        <source>No comment matches the filter (%1 in the project).</source>
        <translation>Không có góp ý nào khớp bộ lọc (dự án có %1 góp ý).</translation>
    </message>
    <message>
        <source>Choose a comment to read it, reply or resolve it; a click shows it on the map.</source>
        <translation>Chọn một góp ý để đọc, trả lời hoặc đánh dấu đã giải quyết; bấm vào góp ý để xem vị trí trên bản đồ.</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Mở lại</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Trạng thái:</translation>
    </message>
    <message>
        <source>Comment on the selected feature</source>
        <translation>Góp ý về đối tượng đang chọn</translation>
    </message>
    <message>
        <source>Nothing is selected: the comment is about the whole project</source>
        <translation>Chưa chọn đối tượng nào: góp ý áp dụng cho toàn bộ đồ án</translation>
    </message>
    <message>
        <source>Click the place to comment on (Esc cancels)</source>
        <translation>Bấm vào vị trí cần góp ý (Esc để hủy)</translation>
    </message>
    <message>
        <source>Comment added: %1</source>
        <translation>Đã thêm góp ý: %1</translation>
    </message>
    <message>
        <source>This comment is about the whole project: it has no place on the map</source>
        <translation>Góp ý này áp dụng cho toàn bộ đồ án: không có vị trí trên bản đồ</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Mở</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Đã giải quyết</translation>
    </message>
    <message>
        <source>Won&apos;t fix</source>
        <translation>Không sửa</translation>
    </message>
    <message>
        <source>Export appraisal &amp;package…</source>
        <translation>Xuất &amp;hồ sơ thẩm định…</translation>
    </message>
    <message>
        <source>Build a signed appraisal package (*.cimpkg) of the saved project for the appraisal council</source>
        <translation>Đóng gói hồ sơ thẩm định có chữ ký số (*.cimpkg) từ dự án đã lưu để gửi hội đồng thẩm định</translation>
    </message>
    <message>
        <source>Open package for re&amp;view…</source>
        <translation>Mở hồ sơ để &amp;thẩm tra…</translation>
    </message>
</context>
<context>
    <name>RevisionPanel</name>
    <message>
        <source>Compare with the approved version…</source>
        <translation>So sánh với bản đã phê duyệt…</translation>
    </message>
    <message>
        <source>Add as layer</source>
        <translation>Thêm thành lớp</translation>
    </message>
    <message>
        <source>Report (HTML/PDF)…</source>
        <translation>Báo cáo (HTML/PDF)…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Xóa kết quả</translation>
    </message>
    <message>
        <source>Choose the approved earlier version of this plan (project file or appraisal package).</source>
        <translation>Chọn bản đã phê duyệt trước đây của đồ án này (tệp dự án hoặc hồ sơ thẩm định).</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Lớp</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Mã</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Thay đổi</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Chi tiết</translation>
    </message>
    <message>
        <source>Approved earlier version</source>
        <translation>Bản đã phê duyệt trước đây</translation>
    </message>
    <message>
        <source>Comparing plan versions…</source>
        <translation>Đang so sánh các phiên bản đồ án…</translation>
    </message>
    <message>
        <source>%1 → %2: %3 added, %4 removed, %5 changed.</source>
        <translation>%1 → %2: thêm %3, bỏ %4, thay đổi %5.</translation>
    </message>
    <message>
        <source>added</source>
        <translation>thêm mới</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>bỏ đi</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>thay đổi</translation>
    </message>
    <message>
        <source>Check verdicts that changed: %1</source>
        <translation>Kết quả kiểm tra thay đổi: %1</translation>
    </message>
    <message>
        <source>No check verdict changed (or no stored check run).</source>
        <translation>Không có kết quả kiểm tra nào thay đổi (hoặc chưa lưu lần kiểm tra).</translation>
    </message>
    <message>
        <source>Revision changes</source>
        <translation>Thay đổi do điều chỉnh</translation>
    </message>
    <message>
        <source>Revision report</source>
        <translation>Báo cáo rà soát điều chỉnh</translation>
    </message>
    <message>
        <source>Report written: %1</source>
        <translation>Đã ghi báo cáo: %1</translation>
    </message>
</context>
<context>
    <name>SharedWidgets</name>
    <message>
        <source>Browse…</source>
        <translation>Chọn tệp…</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>Scale</source>
        <translation>Tỷ lệ</translation>
    </message>
    <message>
        <source>%1 selected</source>
        <translation>Đã chọn %1</translation>
    </message>
</context>
<context>
    <name>StylePanel</name>
    <message>
        <source>Single colour</source>
        <translation>Một màu</translation>
    </message>
    <message>
        <source>Categorised</source>
        <translation>Theo loại</translation>
    </message>
    <message>
        <source>Graduated</source>
        <translation>Phân cấp</translation>
    </message>
    <message>
        <source>Layer style</source>
        <translation>Kiểu hiển thị lớp</translation>
    </message>
    <message>
        <source>Hillshade</source>
        <translation>Bóng địa hình</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Style</source>
        <translation>Kiểu</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Trường</translation>
    </message>
    <message>
        <source>Fill</source>
        <translation>Màu nền</translation>
    </message>
    <message>
        <source>Outline / line</source>
        <translation>Đường viền / đường</translation>
    </message>
    <message>
        <source>Line width (px)</source>
        <translation>Độ rộng nét (px)</translation>
    </message>
    <message>
        <source>Marker size (px)</source>
        <translation>Cỡ ký hiệu (px)</translation>
    </message>
    <message>
        <source>Colour ramp</source>
        <translation>Dải màu</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>Số lớp</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Nhãn</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>Độ mờ đục</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Áp dụng</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>Chú giải</translation>
    </message>
    <message>
        <source>The name shown in the layer tree and legend; the table name used by the command line and the rules stays %1</source>
        <translation>Tên hiển thị trong cây lớp và chú giải; tên bảng mà dòng lệnh và các quy tắc dùng vẫn là %1</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(không)</translation>
    </message>
    <message>
        <source>Style of %1</source>
        <translation>Kiểu hiển thị của %1</translation>
    </message>
</context>
<context>
    <name>TodPanel</name>
    <message>
        <source>%1 %2 m: %3 % of the circle</source>
        <translation>%1 %2 m: %3 % diện tích vòng tròn</translation>
    </message>
    <message>
        <source>Run the TOD study to see charts</source>
        <translation>Chạy nghiên cứu TOD để xem biểu đồ</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>Chỉ tiêu</translation>
    </message>
    <message>
        <source>Walking distances in metres, separated by commas</source>
        <translation>Cự ly đi bộ tính bằng mét, cách nhau bởi dấu phẩy</translation>
    </message>
    <message>
        <source>Cycling distances in metres; leave empty to skip</source>
        <translation>Cự ly đi xe đạp tính bằng mét; để trống nếu không tính</translation>
    </message>
    <message>
        <source>Corridor layer</source>
        <translation>Lớp hành lang tuyến</translation>
    </message>
    <message>
        <source>Corridor line</source>
        <translation>Tuyến hành lang</translation>
    </message>
    <message>
        <source>Station layer</source>
        <translation>Lớp nhà ga</translation>
    </message>
    <message>
        <source>Stations</source>
        <translation>Các nhà ga</translation>
    </message>
    <message>
        <source>Plot layer</source>
        <translation>Lớp lô đất</translation>
    </message>
    <message>
        <source>Pedestrian network</source>
        <translation>Mạng lưới đi bộ</translation>
    </message>
    <message>
        <source>Walk radii (m)</source>
        <translation>Bán kính đi bộ (m)</translation>
    </message>
    <message>
        <source>Bicycle radii (m)</source>
        <translation>Bán kính xe đạp (m)</translation>
    </message>
    <message>
        <source>(no line layer: stations in layer order)</source>
        <translation>(không có lớp tuyến: ga xếp theo thứ tự trong lớp)</translation>
    </message>
    <message>
        <source>(no station layer)</source>
        <translation>(không có lớp nhà ga)</translation>
    </message>
    <message>
        <source>(no plot layer)</source>
        <translation>(không có lớp lô đất)</translation>
    </message>
    <message>
        <source>(no road layer)</source>
        <translation>(không có lớp đường)</translation>
    </message>
    <message>
        <source>All lines</source>
        <translation>Tất cả các tuyến</translation>
    </message>
    <message>
        <source>This project has no station layer: import the stations or draw them on the corridor, then run the study.</source>
        <translation>Dự án chưa có lớp nhà ga: hãy nhập các nhà ga hoặc vẽ chúng trên hành lang tuyến, rồi chạy nghiên cứu.</translation>
    </message>
    <message>
        <source>No station is ticked: tick at least one station to study.</source>
        <translation>Chưa chọn nhà ga nào: hãy đánh dấu ít nhất một nhà ga để nghiên cứu.</translation>
    </message>
    <message>
        <source>Walk radii must be positive distances in metres separated by commas, e.g. 400, 800, 1000.</source>
        <translation>Bán kính đi bộ phải là các cự ly dương tính bằng mét, cách nhau bởi dấu phẩy, ví dụ 400, 800, 1000.</translation>
    </message>
    <message>
        <source>Bicycle radii must be positive distances in metres separated by commas, e.g. 1000, 2000, 3000, or empty.</source>
        <translation>Bán kính xe đạp phải là các cự ly dương tính bằng mét, cách nhau bởi dấu phẩy, ví dụ 1000, 2000, 3000, hoặc để trống.</translation>
    </message>
    <message>
        <source>Run TOD study</source>
        <translation>Chạy nghiên cứu TOD</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Xuất CSV…</translation>
    </message>
    <message>
        <source>Add catchment layers</source>
        <translation>Thêm lớp vùng ảnh hưởng</translation>
    </message>
    <message>
        <source>Add the circles, walksheds and bicycle catchments of this study to the project as layers (one undo step)</source>
        <translation>Thêm các vòng tròn, vùng đi bộ và vùng xe đạp của nghiên cứu này vào dự án thành các lớp (hoàn tác một bước)</translation>
    </message>
    <message>
        <source>Click a row to zoom to its station and draw its catchments.</source>
        <translation>Bấm vào một dòng để phóng tới nhà ga đó và vẽ các vùng ảnh hưởng của ga.</translation>
    </message>
    <message>
        <source>Indicators</source>
        <translation>Chỉ tiêu</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Biểu đồ</translation>
    </message>
    <message>
        <source>Scenarios</source>
        <translation>Kịch bản</translation>
    </message>
    <message>
        <source>Study</source>
        <translation>Nghiên cứu</translation>
    </message>
    <message>
        <source>Canceled: nothing was computed and the project is unchanged.</source>
        <translation>Đã hủy: chưa tính gì và dự án không thay đổi.</translation>
    </message>
    <message>
        <source>Running the TOD study…</source>
        <translation>Đang chạy nghiên cứu TOD…</translation>
    </message>
    <message>
        <source>TOD study: %1 station(s), %2 catchment(s)</source>
        <translation>Nghiên cứu TOD: %1 nhà ga, %2 vùng ảnh hưởng</translation>
    </message>
    <message>
        <source>%1: the %2 m %3 holds no plot (empty catchment)</source>
        <translation>%1: %3 %2 m không chứa lô đất nào (vùng ảnh hưởng trống)</translation>
    </message>
    <message>
        <source>The scenario rule cannot be read: write e.g. far*1.5 within 500, height+6 within 800 or use=mixed_use within 300.</source>
        <translation>Không đọc được quy tắc kịch bản: hãy viết ví dụ far*1.5 within 500, height+6 within 800 hoặc use=mixed_use within 300.</translation>
    </message>
    <message>
        <source>Running the TOD scenario…</source>
        <translation>Đang chạy kịch bản TOD…</translation>
    </message>
    <message>
        <source>Export TOD indicators</source>
        <translation>Xuất chỉ tiêu TOD</translation>
    </message>
    <message>
        <source>CSV tables (*.csv)</source>
        <translation>Bảng CSV (*.csv)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Không ghi được %1: %2</translation>
    </message>
    <message>
        <source>TOD indicators written to %1</source>
        <translation>Đã ghi chỉ tiêu TOD vào %1</translation>
    </message>
    <message>
        <source>A rule: field, operation, value and an optional distance from a station, e.g. far*1.5 within 500 (FAR × 1.5 for plots within 500 m)</source>
        <translation>Quy tắc gồm: trường, phép tính, giá trị và khoảng cách tới nhà ga (không bắt buộc), ví dụ far*1.5 within 500 (hệ số sử dụng đất × 1,5 cho các lô đất trong phạm vi 500 m)</translation>
    </message>
    <message>
        <source>Compare with baseline</source>
        <translation>So sánh với phương án cơ sở</translation>
    </message>
    <message>
        <source>far*1.5 within 500 = FAR × 1.5 for plots within 500 m of a station; height+6, use=mixed_use work the same way. The scenario reuses the baseline catchments; the project is not changed.</source>
        <translation>far*1.5 within 500 = hệ số sử dụng đất × 1,5 cho các lô đất cách nhà ga không quá 500 m; height+6, use=mixed_use dùng tương tự. Kịch bản dùng lại vùng ảnh hưởng của phương án cơ sở; dự án không bị thay đổi.</translation>
    </message>
    <message>
        <source>Run the TOD study, then compare a scenario with the baseline.</source>
        <translation>Hãy chạy nghiên cứu TOD, sau đó so sánh một kịch bản với phương án cơ sở.</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>Nhà ga</translation>
    </message>
    <message>
        <source>Catchment</source>
        <translation>Vùng ảnh hưởng</translation>
    </message>
    <message>
        <source>Radius (m)</source>
        <translation>Bán kính (m)</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>Phương án cơ sở</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Kịch bản</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Chênh lệch</translation>
    </message>
    <message>
        <source>Change (%)</source>
        <translation>Chênh lệch (%)</translation>
    </message>
    <message>
        <source>Scenario %1 against the baseline:</source>
        <translation>Kịch bản %1 so với phương án cơ sở:</translation>
    </message>
    <message>
        <source>%1 — GFA in the %2 m %3: %4 → %5 m² (%6 m²)</source>
        <translation>%1 — tổng diện tích sàn trong %3 %2 m: %4 → %5 m² (%6 m²)</translation>
    </message>
    <message>
        <source>circle</source>
        <translation>vòng tròn</translation>
    </message>
    <message>
        <source>walkshed</source>
        <translation>vùng đi bộ</translation>
    </message>
    <message>
        <source>bicycle</source>
        <translation>vùng xe đạp</translation>
    </message>
    <message>
        <source>Area (ha)</source>
        <translation>Diện tích (ha)</translation>
    </message>
    <message>
        <source>Walkshed ÷ circle</source>
        <translation>Vùng đi bộ ÷ vòng tròn</translation>
    </message>
    <message>
        <source>GFA (m²)</source>
        <translation>Tổng diện tích sàn (m²)</translation>
    </message>
    <message>
        <source>Gross FAR</source>
        <translation>Hệ số SDĐ gộp</translation>
    </message>
    <message>
        <source>Net FAR</source>
        <translation>Hệ số SDĐ thuần</translation>
    </message>
    <message>
        <source>Residents</source>
        <translation>Dân số</translation>
    </message>
    <message>
        <source>Residents/ha</source>
        <translation>Mật độ dân số (người/ha)</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Việc làm</translation>
    </message>
    <message>
        <source>Jobs/ha</source>
        <translation>Mật độ việc làm (chỗ/ha)</translation>
    </message>
    <message>
        <source>Jobs ÷ residents</source>
        <translation>Việc làm ÷ dân số</translation>
    </message>
    <message>
        <source>Land-use mix</source>
        <translation>Mức hỗn hợp sử dụng đất</translation>
    </message>
    <message>
        <source>Intersections/km²</source>
        <translation>Mật độ nút giao (nút/km²)</translation>
    </message>
    <message>
        <source>Mean block (m)</source>
        <translation>Chiều dài ô phố TB (m)</translation>
    </message>
    <message>
        <source>Plots</source>
        <translation>Số lô đất</translation>
    </message>
    <message>
        <source>Plots without FAR</source>
        <translation>Lô đất thiếu hệ số SDĐ</translation>
    </message>
    <message>
        <source>Buildings</source>
        <translation>Số công trình</translation>
    </message>
    <message>
        <source>Smart elements</source>
        <translation>Thiết bị đô thị thông minh</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Needs data: a land-use plot layer</source>
        <translation>Cần dữ liệu: lớp lô đất quy hoạch sử dụng đất</translation>
    </message>
    <message>
        <source>Empty catchment: no plot inside</source>
        <translation>Vùng ảnh hưởng trống: không có lô đất nào bên trong</translation>
    </message>
    <message>
        <source>Needs data: the plots have no FAR field</source>
        <translation>Cần dữ liệu: lô đất không có trường hệ số sử dụng đất</translation>
    </message>
    <message>
        <source>Needs data: the plots have no residents field</source>
        <translation>Cần dữ liệu: lô đất không có trường dân số</translation>
    </message>
    <message>
        <source>Needs data: the plots have no jobs field</source>
        <translation>Cần dữ liệu: lô đất không có trường việc làm</translation>
    </message>
    <message>
        <source>No residents: the jobs ÷ residents ratio is undefined</source>
        <translation>Không có dân cư: không xác định được tỷ lệ việc làm ÷ dân số</translation>
    </message>
    <message>
        <source>No plot of the mix categories: land-use mix undefined</source>
        <translation>Không có lô đất thuộc các loại tính hỗn hợp: không xác định được mức hỗn hợp sử dụng đất</translation>
    </message>
    <message>
        <source>Needs data: parking plots or a parking area field</source>
        <translation>Cần dữ liệu: lô đất bãi đỗ xe hoặc trường diện tích đỗ xe</translation>
    </message>
    <message>
        <source>Needs data: a street network (road layer)</source>
        <translation>Cần dữ liệu: mạng lưới đường (lớp đường)</translation>
    </message>
    <message>
        <source>Needs data: transport plots or street widths</source>
        <translation>Cần dữ liệu: lô đất giao thông hoặc bề rộng đường</translation>
    </message>
    <message>
        <source>Road area from street widths × length</source>
        <translation>Diện tích đường tính từ bề rộng × chiều dài đường</translation>
    </message>
    <message>
        <source>Needs data: a building layer</source>
        <translation>Cần dữ liệu: lớp công trình</translation>
    </message>
    <message>
        <source>Needs data: streets and plots for walking access to parks, schools and health</source>
        <translation>Cần dữ liệu: đường và lô đất để tính khả năng đi bộ tới công viên, trường học và cơ sở y tế</translation>
    </message>
    <message>
        <source>%1 plot(s) without FAR left out of GFA</source>
        <translation>%1 lô đất không có hệ số sử dụng đất, không tính vào tổng diện tích sàn</translation>
    </message>
</context>
<context>
    <name>Tools</name>
    <message>
        <source>Selected 1 feature in %1</source>
        <translation>Đã chọn 1 đối tượng trong %1</translation>
    </message>
    <message>
        <source>Selected %1 feature(s) in %2</source>
        <translation>Đã chọn %1 đối tượng trong %2</translation>
    </message>
    <message>
        <source>Area: %1  (perimeter %2 m)</source>
        <translation>Diện tích: %1  (chu vi %2 m)</translation>
    </message>
    <message>
        <source>Distance: %1 m</source>
        <translation>Khoảng cách: %1 m</translation>
    </message>
    <message>
        <source>value</source>
        <translation>giá trị</translation>
    </message>
    <message>
        <source>%1 result(s) at %2, %3</source>
        <translation>%1 kết quả tại %2, %3</translation>
    </message>
    <message>
        <source>point</source>
        <translation>điểm</translation>
    </message>
    <message>
        <source>line</source>
        <translation>đường</translation>
    </message>
    <message>
        <source>polygon</source>
        <translation>vùng</translation>
    </message>
    <message>
        <source>Choose a vector layer to add features to</source>
        <translation>Hãy chọn một lớp vector để thêm đối tượng</translation>
    </message>
    <message>
        <source>A %1 needs at least %2 vertices</source>
        <translation>Một %1 cần ít nhất %2 đỉnh</translation>
    </message>
    <message>
        <source>Added feature #%1 to %2</source>
        <translation>Đã thêm đối tượng #%1 vào %2</translation>
    </message>
    <message>
        <source>This vertex cannot be deleted: the shape would have too few vertices</source>
        <translation>Không thể xóa đỉnh này: hình sẽ còn quá ít đỉnh</translation>
    </message>
    <message>
        <source>Vertex deleted</source>
        <translation>Đã xóa đỉnh</translation>
    </message>
    <message>
        <source>Vertex moved</source>
        <translation>Đã di chuyển đỉnh</translation>
    </message>
    <message>
        <source>Vertex added</source>
        <translation>Đã thêm đỉnh</translation>
    </message>
    <message>
        <source>The edit was not applied: it would make the geometry invalid</source>
        <translation>Không áp dụng thay đổi: hình học sẽ không hợp lệ</translation>
    </message>
</context>
<context>
    <name>TrustSettings</name>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Tổ chức</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>Dấu vân tay</translation>
    </message>
    <message>
        <source>Add certificate or key…</source>
        <translation>Thêm chứng thư hoặc khóa…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Packages signed by these CAs, certificates or keys are shown as trusted. Folder: %1</source>
        <translation>Hồ sơ được ký bởi các CA, chứng thư hoặc khóa này được coi là tin cậy. Thư mục: %1</translation>
    </message>
    <message>
        <source>CA</source>
        <translation>CA (tổ chức chứng thực)</translation>
    </message>
    <message>
        <source>Signer certificate</source>
        <translation>Chứng thư người ký</translation>
    </message>
    <message>
        <source>Signing key</source>
        <translation>Khóa ký</translation>
    </message>
    <message>
        <source>Trust a certificate or key</source>
        <translation>Tin cậy một chứng thư hoặc khóa</translation>
    </message>
    <message>
        <source>Certificates and keys (*.pem *.cer *.crt *.der *.pub)</source>
        <translation>Chứng thư và khóa (*.pem *.cer *.crt *.der *.pub)</translation>
    </message>
    <message>
        <source>Not added</source>
        <translation>Chưa thêm</translation>
    </message>
</context>
<context>
    <name>Values</name>
    <message>
        <source>(empty)</source>
        <translation>(trống)</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Có</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Không</translation>
    </message>
</context>
<context>
    <name>View3D</name>
    <message>
        <source>3D view: %1</source>
        <translation>Khung nhìn 3D: %1</translation>
    </message>
    <message>
        <source>GlobalId</source>
        <translation>GlobalId</translation>
    </message>
    <message>
        <source>IFC class</source>
        <translation>Lớp IFC</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>IFC building</source>
        <translation>Công trình IFC</translation>
    </message>
    <message>
        <source>%1 %2 (GlobalId %3)</source>
        <translation>%1 %2 (GlobalId %3)</translation>
    </message>
    <message>
        <source>IFC models:</source>
        <translation>Mô hình IFC:</translation>
    </message>
    <message>
        <source>Replace the LoD1 blocks</source>
        <translation>Thay thế khối LoD1</translation>
    </message>
    <message>
        <source>Show with the LoD1 blocks</source>
        <translation>Hiển thị cùng khối LoD1</translation>
    </message>
    <message>
        <source>Hide (LoD1 blocks only)</source>
        <translation>Ẩn (chỉ hiện khối LoD1)</translation>
    </message>
    <message>
        <source>How buildings imported from IFC appear in 3D: their real BIM geometry instead of the extruded block of the matched footprint, both, or blocks only</source>
        <translation>Cách hiển thị công trình nhập từ IFC trong 3D: hình học BIM thực thay cho khối đùn theo footprint tương ứng, hiển thị cả hai, hoặc chỉ hiện khối</translation>
    </message>
    <message>
        <source>No IFC model in the project (File ▸ Import IFC model…)</source>
        <translation>Dự án chưa có mô hình IFC (Tệp ▸ Nhập mô hình IFC…)</translation>
    </message>
    <message>
        <source>%1 IFC model(s) hidden</source>
        <translation>Đang ẩn %1 mô hình IFC</translation>
    </message>
    <message>
        <source>The IFC models are hidden in the layer tree or have no geometry</source>
        <translation>Các mô hình IFC đang bị ẩn trong cây lớp hoặc không có hình học</translation>
    </message>
    <message>
        <source>%1 IFC model(s), %2 triangles; %3 LoD1 block(s) replaced</source>
        <translation>%1 mô hình IFC, %2 tam giác; đã thay thế %3 khối LoD1</translation>
    </message>
</context>
<context>
    <name>Workers</name>
    <message>
        <source>Something went wrong that CIM Studio did not expect</source>
        <translation>Đã xảy ra lỗi ngoài dự kiến của CIM Studio</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Đang xử lý…</translation>
    </message>
</context>
</TS>
