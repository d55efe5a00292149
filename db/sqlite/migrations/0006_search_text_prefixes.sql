-- Free-text search index with prefix indexes for 1 to 8 characters (was 2 and 3). Search matches
-- every word as a prefix; a prefix FTS5 has no index for is answered by merging the doclists of
-- every term it expands to, in full, before the first row comes out (70 ms for "quote" over 1.5M
-- notes and communications; 140 ms for "s"), where an indexed prefix streams its newest rows
-- lazily like a plain term (under 1 ms). Costs about twice the index size.
--
-- The table is contentless, so it is refilled from the rows search_map points at, with the same
-- text the insert triggers of 0001 index, under the same rowids. FTS5 buffers 64 MB of terms per
-- segment while filling (fewer segments to merge), then goes back to its default.
DROP TABLE `search_text`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_text` USING fts5(title, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='1 2 3 4 5 6 7 8');
--> statement-breakpoint
INSERT INTO `search_text`(`search_text`, rank) VALUES ('hashsize', 67108864);
--> statement-breakpoint
INSERT INTO `search_text`(rowid, title, body)
	SELECT m.rowid, '', n.body FROM search_map m JOIN lead_notes n ON n.id = m.ref_id WHERE m.kind = 'note' ORDER BY m.rowid;
--> statement-breakpoint
INSERT INTO `search_text`(rowid, title, body)
	SELECT m.rowid, coalesce(c.subject,''), coalesce(c.body,'') FROM search_map m JOIN lead_communications c ON c.id = m.ref_id WHERE m.kind = 'communication' ORDER BY m.rowid;
--> statement-breakpoint
INSERT INTO `search_text`(rowid, title, body)
	SELECT m.rowid, t.subject, coalesce(t.description,'') || ' ' || coalesce(t.resolution,'') FROM search_map m JOIN support_tickets t ON t.id = m.ref_id WHERE m.kind = 'ticket' ORDER BY m.rowid;
--> statement-breakpoint
INSERT INTO `search_text`(`search_text`, rank) VALUES ('hashsize', 1048576);
