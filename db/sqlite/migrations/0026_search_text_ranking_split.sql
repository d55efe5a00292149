-- The free-text index in two: one to find matches, one to rank them. search_text (migration 0006)
-- kept every token's positions under the word and under each of its 1 to 8 character prefixes:
-- about four times the text it indexes, 16% of the replica. Only bm25 reads the positions (for
-- term frequencies; a contentless table with detail=column or none gives it none, so every score
-- is 0), and bm25 runs only on phrases in fewer than 5,000 documents (search-window.ts), so:
--   * search_text_match finds the matches: the prefix indexes, detail=none (which documents hold a
--     word, not where) and one column (no query names one).
--     The newest-first window, the common-phrase probe and the tickets filter read it.
--   * search_text ranks them: positions and column sizes for bm25, no prefix indexes. A prefix it
--     scores is merged from its words' doclists, which for a phrase in under 5,000 documents is
--     at most those documents.
-- Both contentless, refilled from the rows search_map points at with the text the triggers index,
-- under the same rowids (as in 0006); the note, communication and ticket triggers keep both.
DROP TABLE `search_text`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_text` USING fts5(title, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_text_match` USING fts5(text, content='', contentless_delete=1, detail=none, tokenize='unicode61 remove_diacritics 2', prefix='1 2 3 4 5 6 7 8');
--> statement-breakpoint
INSERT INTO `search_text`(`search_text`, rank) VALUES ('hashsize', 67108864);
--> statement-breakpoint
INSERT INTO `search_text_match`(`search_text_match`, rank) VALUES ('hashsize', 67108864);
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
INSERT INTO `search_text_match`(rowid, text)
	SELECT m.rowid, n.body FROM search_map m JOIN lead_notes n ON n.id = m.ref_id WHERE m.kind = 'note' ORDER BY m.rowid;
--> statement-breakpoint
INSERT INTO `search_text_match`(rowid, text)
	SELECT m.rowid, coalesce(c.subject,'') || ' ' || coalesce(c.body,'') FROM search_map m JOIN lead_communications c ON c.id = m.ref_id WHERE m.kind = 'communication' ORDER BY m.rowid;
--> statement-breakpoint
INSERT INTO `search_text_match`(rowid, text)
	SELECT m.rowid, coalesce(t.subject,'') || ' ' || coalesce(t.description,'') || ' ' || coalesce(t.resolution,'') FROM search_map m JOIN support_tickets t ON t.id = m.ref_id WHERE m.kind = 'ticket' ORDER BY m.rowid;
--> statement-breakpoint
INSERT INTO `search_text`(`search_text`, rank) VALUES ('hashsize', 1048576);
--> statement-breakpoint
INSERT INTO `search_text_match`(`search_text_match`, rank) VALUES ('hashsize', 1048576);
--> statement-breakpoint
DROP TRIGGER `lead_notes_search_insert`;
--> statement-breakpoint
DROP TRIGGER `lead_notes_search_update`;
--> statement-breakpoint
DROP TRIGGER `lead_notes_search_delete`;
--> statement-breakpoint
DROP TRIGGER `lead_communications_search_insert`;
--> statement-breakpoint
DROP TRIGGER `lead_communications_search_update`;
--> statement-breakpoint
DROP TRIGGER `lead_communications_search_delete`;
--> statement-breakpoint
DROP TRIGGER `support_tickets_search_insert`;
--> statement-breakpoint
DROP TRIGGER `support_tickets_search_update`;
--> statement-breakpoint
DROP TRIGGER `support_tickets_search_delete`;
--> statement-breakpoint
CREATE TRIGGER `lead_notes_search_insert` AFTER INSERT ON `lead_notes` WHEN new.deleted_at IS NULL BEGIN
	INSERT INTO search_map(kind, ref_id) VALUES ('note', new.id);
	INSERT INTO search_text(rowid, title, body) VALUES (last_insert_rowid(), '', new.body);
	INSERT INTO search_text_match(rowid, text) VALUES (last_insert_rowid(), new.body);
END;
--> statement-breakpoint
CREATE TRIGGER `lead_notes_search_update` AFTER UPDATE OF body, deleted_at ON `lead_notes` BEGIN
	DELETE FROM search_text WHERE rowid = (SELECT rowid FROM search_map WHERE ref_id = old.id);
	DELETE FROM search_text_match WHERE rowid = (SELECT rowid FROM search_map WHERE ref_id = old.id);
	DELETE FROM search_map WHERE ref_id = old.id;
	INSERT INTO search_map(kind, ref_id) SELECT 'note', new.id WHERE new.deleted_at IS NULL;
	INSERT INTO search_text(rowid, title, body) SELECT last_insert_rowid(), '', new.body WHERE new.deleted_at IS NULL;
	INSERT INTO search_text_match(rowid, text) SELECT last_insert_rowid(), new.body WHERE new.deleted_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `lead_notes_search_delete` AFTER DELETE ON `lead_notes` BEGIN
	DELETE FROM search_text WHERE rowid = (SELECT rowid FROM search_map WHERE ref_id = old.id);
	DELETE FROM search_text_match WHERE rowid = (SELECT rowid FROM search_map WHERE ref_id = old.id);
	DELETE FROM search_map WHERE ref_id = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `lead_communications_search_insert` AFTER INSERT ON `lead_communications` WHEN new.deleted_at IS NULL BEGIN
	INSERT INTO search_map(kind, ref_id) VALUES ('communication', new.id);
	INSERT INTO search_text(rowid, title, body) VALUES (last_insert_rowid(), coalesce(new.subject,''), coalesce(new.body,''));
	INSERT INTO search_text_match(rowid, text) VALUES (last_insert_rowid(), coalesce(new.subject,'') || ' ' || coalesce(new.body,''));
END;
--> statement-breakpoint
CREATE TRIGGER `lead_communications_search_update` AFTER UPDATE OF subject, body, deleted_at ON `lead_communications` BEGIN
	DELETE FROM search_text WHERE rowid = (SELECT rowid FROM search_map WHERE ref_id = old.id);
	DELETE FROM search_text_match WHERE rowid = (SELECT rowid FROM search_map WHERE ref_id = old.id);
	DELETE FROM search_map WHERE ref_id = old.id;
	INSERT INTO search_map(kind, ref_id) SELECT 'communication', new.id WHERE new.deleted_at IS NULL;
	INSERT INTO search_text(rowid, title, body) SELECT last_insert_rowid(), coalesce(new.subject,''), coalesce(new.body,'') WHERE new.deleted_at IS NULL;
	INSERT INTO search_text_match(rowid, text) SELECT last_insert_rowid(), coalesce(new.subject,'') || ' ' || coalesce(new.body,'') WHERE new.deleted_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `lead_communications_search_delete` AFTER DELETE ON `lead_communications` BEGIN
	DELETE FROM search_text WHERE rowid = (SELECT rowid FROM search_map WHERE ref_id = old.id);
	DELETE FROM search_text_match WHERE rowid = (SELECT rowid FROM search_map WHERE ref_id = old.id);
	DELETE FROM search_map WHERE ref_id = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `support_tickets_search_insert` AFTER INSERT ON `support_tickets` WHEN new.deleted_at IS NULL BEGIN
	INSERT INTO search_map(kind, ref_id) VALUES ('ticket', new.id);
	INSERT INTO search_text(rowid, title, body) VALUES (last_insert_rowid(), new.subject, coalesce(new.description,'') || ' ' || coalesce(new.resolution,''));
	INSERT INTO search_text_match(rowid, text) VALUES (last_insert_rowid(), coalesce(new.subject,'') || ' ' || coalesce(new.description,'') || ' ' || coalesce(new.resolution,''));
END;
--> statement-breakpoint
CREATE TRIGGER `support_tickets_search_update` AFTER UPDATE OF subject, description, resolution, deleted_at ON `support_tickets` BEGIN
	DELETE FROM search_text WHERE rowid = (SELECT rowid FROM search_map WHERE ref_id = old.id);
	DELETE FROM search_text_match WHERE rowid = (SELECT rowid FROM search_map WHERE ref_id = old.id);
	DELETE FROM search_map WHERE ref_id = old.id;
	INSERT INTO search_map(kind, ref_id) SELECT 'ticket', new.id WHERE new.deleted_at IS NULL;
	INSERT INTO search_text(rowid, title, body) SELECT last_insert_rowid(), new.subject, coalesce(new.description,'') || ' ' || coalesce(new.resolution,'') WHERE new.deleted_at IS NULL;
	INSERT INTO search_text_match(rowid, text) SELECT last_insert_rowid(), coalesce(new.subject,'') || ' ' || coalesce(new.description,'') || ' ' || coalesce(new.resolution,'') WHERE new.deleted_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `support_tickets_search_delete` AFTER DELETE ON `support_tickets` BEGIN
	DELETE FROM search_text WHERE rowid = (SELECT rowid FROM search_map WHERE ref_id = old.id);
	DELETE FROM search_text_match WHERE rowid = (SELECT rowid FROM search_map WHERE ref_id = old.id);
	DELETE FROM search_map WHERE ref_id = old.id;
END;
