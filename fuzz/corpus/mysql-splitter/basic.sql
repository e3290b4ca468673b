# hash comment; here
CREATE TABLE `odd;name` (id int, note text DEFAULT 'it\'s; ''fine''');
SELECT 1--1; -- dash comment;
/*!40101 SET NAMES utf8 */;
/*M! SET @x = "double;quoted" */;
